package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultDataFolderTest {
    private static final Map<String, String> INSTALLED = Map.of(DefaultDataFolder.INSTALLED_PROPERTY, "true",
            "user.home", "/home/dina");

    private static Path folder(Map<String, String> environment, Map<String, String> properties) {
        return DefaultDataFolder.of(environment::get, properties::get);
    }

    @Test
    void fromTheJarItIsTheCurrentFolderWhateverXdgSays() {
        assertThat(folder(Map.of("XDG_DATA_HOME", "/data/dina"), Map.of("user.home", "/home/dina")))
                .isEqualTo(Path.of(""));
        assertThat(folder(Map.of(), Map.of(DefaultDataFolder.INSTALLED_PROPERTY, "false", "user.home", "/home/dina")))
                .isEqualTo(Path.of(""));
    }

    @Test
    void installedItIsSwitchboardInXdgDataHome() {
        assertThat(folder(Map.of("XDG_DATA_HOME", "/data/dina"), INSTALLED)).isEqualTo(Path.of("/data/dina/switchboard"));
    }

    @Test
    void installedWithoutXdgDataHomeItIsInTheHomesLocalShare() {
        assertThat(folder(Map.of(), INSTALLED)).isEqualTo(Path.of("/home/dina/.local/share/switchboard"));
    }

    @Test
    void theHomeIsHomeFromTheEnvironmentBeforeJavasUserHome() {
        assertThat(folder(Map.of("HOME", "/srv/dina"), INSTALLED)).isEqualTo(Path.of("/srv/dina/.local/share/switchboard"));
    }

    @Test
    void anEmptyOrRelativeXdgDataHomeIsIgnoredAsTheSpecificationSays() {
        assertThat(folder(Map.of("XDG_DATA_HOME", ""), INSTALLED))
                .isEqualTo(Path.of("/home/dina/.local/share/switchboard"));
        assertThat(folder(Map.of("XDG_DATA_HOME", "data"), INSTALLED))
                .isEqualTo(Path.of("/home/dina/.local/share/switchboard"));
    }
}
