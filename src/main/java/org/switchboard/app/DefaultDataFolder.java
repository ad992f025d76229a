package org.switchboard.app;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The data folder used when {@code --data-dir} is not given. Run from the source tree or the jar, it is
 * the current folder, as it always was. The installed application (the .deb or the portable app image,
 * whose launcher sets {@value #INSTALLED_PROPERTY}) is started from a menu or from any folder, so there
 * the current folder means nothing: it keeps its files in the user's data folder, as the XDG base
 * directory specification says, {@code $XDG_DATA_HOME/switchboard}, else
 * {@code $HOME/.local/share/switchboard}. The server creates the folder when it is missing.
 *
 * <p>Threads: none of its own; called once while the command line is parsed.
 */
final class DefaultDataFolder {
    /** Set to {@code true} by the launcher of the installed application (see the pom's dist profile). */
    static final String INSTALLED_PROPERTY = "switchboard.installed";

    private DefaultDataFolder() {
    }

    /** The default for this process: its environment and system properties. */
    static Path forThisProcess() {
        return of(System::getenv, System::getProperty);
    }

    /**
     * The default data folder.
     *
     * @param environment an environment variable by name, or null when unset
     * @param properties a system property by name, or null when unset
     */
    static Path of(Function<String, String> environment, Function<String, String> properties) {
        if (!Boolean.parseBoolean(properties.apply(INSTALLED_PROPERTY))) {
            return Path.of("");
        }
        // The specification: an unset or empty XDG_DATA_HOME means the default, and a relative one is
        // invalid and ignored (it would depend on the folder the menu happened to start us in).
        String dataHome = environment.apply("XDG_DATA_HOME");
        if (dataHome != null && !dataHome.isEmpty() && Path.of(dataHome).isAbsolute()) {
            return Path.of(dataHome, "switchboard");
        }
        return home(environment, properties).resolve(Path.of(".local", "share", "switchboard"));
    }

    /** $HOME, as the specification says; Java's user.home (from the password file) where it is unset. */
    private static Path home(Function<String, String> environment, Function<String, String> properties) {
        String home = environment.apply("HOME");
        if (home != null && !home.isEmpty() && Path.of(home).isAbsolute()) {
            return Path.of(home);
        }
        return Path.of(properties.apply("user.home"));
    }
}
