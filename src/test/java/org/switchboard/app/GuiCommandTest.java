package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gui command's options; opening the window itself is covered by the ui tests. */
class GuiCommandTest extends CommandLineFixture {
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
