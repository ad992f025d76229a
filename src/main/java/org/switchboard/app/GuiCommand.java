package org.switchboard.app;

import java.util.concurrent.Callable;
import org.switchboard.server.ServerConfig;
import org.switchboard.ui.ControlPanelApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard gui} (and {@code switchboard} alone): the control panel, with the server in it. */
@Command(name = "gui", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open the control panel and start the server in it (the same options as serve). If the"
                + " port is taken the panel still opens and offers the next free port or another number. Closing"
                + " the window stops the server cleanly (asking first while people are online).")
final class GuiCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    GuiCommand() {
    }

    GuiCommand(ServerOptions server, CommandSpec spec) {
        this.server = server;
        this.spec = spec;
    }

    @Override
    public Integer call() {
        ServerConfig config = server.toConfig(spec);
        try {
            ControlPanelApp.run(config);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // e.g. no display: say what to do instead of a stack trace
            System.err.println("switchboard: cannot open the control panel: " + e.getMessage());
            System.err.println("  (no screen? run 'switchboard serve' for the server without a window)");
            return 1;
        }
        return 0;
    }
}
