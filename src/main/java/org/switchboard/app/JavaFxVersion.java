package org.switchboard.app;

import java.util.Optional;

/**
 * The version of the JavaFX that the control panel would use, found without starting the toolkit (so
 * {@code --version} works without a display and prints no JavaFX warnings).
 *
 * <p>Threads: none of its own; called by {@code --version}.
 */
final class JavaFxVersion {
    private JavaFxVersion() {
    }

    /** Like {@code 21.0.11}, or empty when this runtime has no JavaFX. */
    static Optional<String> find() {
        // In the installed runtime image JavaFX is a named module, which records its version; its
        // VersionInfo is not exported to us there. From the jar JavaFX is on the class path, where the
        // module descriptor is gone but VersionInfo can be called (its static part only holds constants).
        Optional<String> fromModule = ModuleLayer.boot().findModule("javafx.base")
                .flatMap(module -> module.getDescriptor().rawVersion());
        return fromModule.isPresent() ? fromModule : fromVersionInfo();
    }

    private static Optional<String> fromVersionInfo() {
        try {
            Class<?> info = Class.forName("com.sun.javafx.runtime.VersionInfo", true,
                    JavaFxVersion.class.getClassLoader());
            return Optional.of(String.valueOf(info.getMethod("getVersion").invoke(null)));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }
}
