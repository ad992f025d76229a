package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The gui command's options; opening the window itself is covered by the ui tests. */
class GuiCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void guiTakesTheSameServerOptionsAsServe() {
        assertThat(run("gui", "-h")).isZero();
        assertThat(out.toString()).contains("--port", "--data-dir", "--hash-iterations", "--max-per-address");
    }

    @Test
    void withoutACommandTheServerOptionsAreForThePanel() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("gui", "serve", "--port", "opens the control panel");
    }

    @Test
    void aBadOptionIsAClearErrorBeforeAnyWindowOpens() {
        assertThat(run("gui", "--port", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--port'");
        assertThat(run("--port", "70000")).isEqualTo(2);
    }
}
