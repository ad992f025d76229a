package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jar's entry point on a java too old for Switchboard, and on a new enough one. */
class LauncherTest {
    @Test
    void aJavaOlderThan21IsNamedWithWhatToDo() {
        assertThat(Launcher.problem("17", "/opt/jdk-17")).isEqualTo("Switchboard needs Java 21 or newer; this is"
                + " Java 17 at /opt/jdk-17. Install a JDK 21+ (e.g. Temurin 21) and run it with that java, or set"
                + " JAVA_HOME.");
        assertThat(Launcher.problem("1.8", "/opt/jdk8")).startsWith("Switchboard needs Java 21 or newer; this is Java 1.8");
        assertThat(Launcher.problem("11", "/opt/jdk-11")).isNotNull();
    }

    @Test
    void java21AndNewerRunSwitchboard() {
        assertThat(Launcher.problem("21", "/opt/jdk-21")).isNull();
        assertThat(Launcher.problem("25", "/opt/jdk-25")).isNull();
    }

    @Test
    void anOldJavaRunningTheLauncherPrintsOneLineAndExitsWithOne() throws Exception {
        Optional<Path> old = oldJava();
        assumeTrue(old.isPresent(), "no java older than 21 under /usr/lib/jvm");
        Process process = new ProcessBuilder(old.get().toString(), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--help").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(text.lines()).hasSize(1).first().asString()
                .startsWith("Switchboard needs Java 21 or newer; this is Java ").doesNotContain("Exception");
    }

    @Test
    void aNewJavaRunningTheLauncherRunsTheCommandLine() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(text).startsWith("Switchboard ");
    }

    /** A java of 8 to 20 under /usr/lib/jvm, where Linux distributions install theirs. */
    private static Optional<Path> oldJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> home.getFileName().toString().matches("(java-(1\\.)?|openjdk-|jdk-?)?"
                            + "(8|9|1[0-9]|20)([.-].*)?"))
                    .map(home -> home.resolve("bin/java")).filter(Files::isExecutable).findFirst();
        }
    }
}
