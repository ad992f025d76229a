package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard} as a real process, started the way the installed launcher starts it (with
 * {@value DefaultDataFolder#INSTALLED_PROPERTY}) and the way the jar is started (without).
 */
class InstalledLaunchTest {
    @TempDir
    Path dir;
    Path output;
    Process process;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Starts {@code switchboard ARGS} in {@code workingDir}, with these JVM options and environment. */
    private Process start(Path workingDir, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        output = dir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("XDG_DATA_HOME");
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().putAll(environment);
        process = builder.start();
        return process;
    }

    private String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private String serveUntilListening(Path workingDir, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        start(workingDir, jvmOptions, environment, "serve", "--port", "0", "--tls-port", "0", "--irc-port", "0", "--irc-tls-port", "0", "--bind", "127.0.0.1", "-q");
        await().atMost(Duration.ofSeconds(30)).until(() -> output().contains("Type 'help' for commands."));
        return output();
    }

    @Test
    void installedItKeepsItsDataInXdgDataHomeAndSaysSo() throws Exception {
        Path dataHome = dir.resolve("xdg");
        String printed = serveUntilListening(Files.createDirectories(dir.resolve("cwd")),
                List.of("-D" + DefaultDataFolder.INSTALLED_PROPERTY + "=true"),
                Map.of("XDG_DATA_HOME", dataHome.toString()));
        Path folder = dataHome.resolve("switchboard");
        assertThat(printed).contains("data in " + folder + ".");
        assertThat(folder.resolve("server.log")).exists();
        assertThat(dir.resolve("cwd")).isEmptyDirectory();
    }

    @Test
    void installedWithoutXdgDataHomeItCreatesTheFolderUnderTheHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String printed = serveUntilListening(Files.createDirectories(dir.resolve("cwd")),
                List.of("-D" + DefaultDataFolder.INSTALLED_PROPERTY + "=true"), Map.of("HOME", home.toString()));
        Path folder = home.resolve(".local/share/switchboard");
        assertThat(printed).contains("data in " + folder + ".");
        assertThat(folder.resolve("server.log")).exists();
    }

    @Test
    void fromTheJarItKeepsItsDataInTheCurrentFolderEvenWithXdgDataHomeSet() throws Exception {
        Path workingDir = Files.createDirectories(dir.resolve("cwd"));
        String printed = serveUntilListening(workingDir, List.of(), Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString()));
        assertThat(printed).contains("data in " + workingDir.toRealPath() + ".");
        assertThat(workingDir.resolve("server.log")).exists();
        assertThat(dir.resolve("xdg")).doesNotExist();
    }

    @Test
    void versionNamesJavaFxWithoutADisplayOrStartingTheToolkit() throws Exception {
        start(dir, List.of(), Map.of(), "--version");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        // nothing but the three lines: a started toolkit would fail here without a display, or warn
        assertThat(output().lines()).hasSize(3);
        assertThat(output().lines().toList().get(2)).matches("JavaFX \\d+(\\.\\d+)*");
    }
}
