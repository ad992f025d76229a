package org.switchboard.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Switchboard as a child process, as a user runs it: its command line, its output kept line by line. */
public final class Processes {
    private static final Pattern LISTENING = Pattern.compile("Listening on port (\\d+)");

    private Processes() {
    }

    /** {@code java ... org.switchboard.app.Main ARGS} on this test's JDK and class path. */
    public static List<String> switchboard(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        // as the jar's manifest does: JLine loads its native library without a warning
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.switchboard.app.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code command}, its standard error merged into its output, each line added to {@code output}. */
    public static Process start(List<String> command, List<String> output) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        });
        return process;
    }

    /** The port of the first "Listening on port N" line, waiting for it. */
    public static int listeningPort(List<String> output) {
        await().atMost(Duration.ofSeconds(30)).until(() -> output.stream().anyMatch(l -> LISTENING.matcher(l).find()));
        Matcher matcher = output.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        return Integer.parseInt(matcher.group(1));
    }
}
