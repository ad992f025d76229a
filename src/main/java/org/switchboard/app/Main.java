package org.switchboard.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The entry point: wires the subcommands, owns no logic. A plain class, not a JavaFX
 * {@code Application}, so that the runnable jar can carry JavaFX on the class path.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"A multithreaded TCP chat server with a control panel.",
            "Without a command it opens the control panel (as 'gui') with the server options below;"
                + " 'switchboard COMMAND -h' tells more about each command."},
        subcommands = {GuiCommand.class, ServeCommand.class, ClientCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** The server options, so that {@code switchboard --port 6000} opens the panel on that port. */
    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public Integer call() {
        return new GuiCommand(server, spec).call();
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /**
     * Switchboard's version (from the jar's manifest), the Java runtime's, with where that runtime is (the
     * installed application brings its own), and JavaFX's.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Switchboard " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ")",
                JavaFxVersion.find().map(v -> "JavaFX " + v).orElse("JavaFX: none in this runtime")};
        }
    }
}
