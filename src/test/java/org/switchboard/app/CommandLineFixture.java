package org.switchboard.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code switchboard} command line in the test, keeping what it prints. */
abstract class CommandLineFixture {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** The exit code of {@code switchboard ARGS}; its output is in {@link #out} and {@link #err}. */
    int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
