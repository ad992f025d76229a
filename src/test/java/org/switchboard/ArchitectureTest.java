package org.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

/** The house plan's layers: arrows point down only. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.switchboard");

    @Test
    void layersOnlyDependDownwards() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("org.switchboard.app..")
                .layer("ui").definedBy("org.switchboard.ui..")
                .layer("console").definedBy("org.switchboard.console..")
                .layer("bench").definedBy("org.switchboard.bench..")
                .layer("control").definedBy("org.switchboard.control..")
                .layer("server").definedBy("org.switchboard.server..")
                .layer("chat").definedBy("org.switchboard.chat..")
                .layer("auth").definedBy("org.switchboard.auth..")
                .layer("log").definedBy("org.switchboard.log..")
                .layer("protocol").definedBy("org.switchboard.protocol..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("console").mayOnlyBeAccessedByLayers("app")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("app")
                .whereLayer("control").mayOnlyBeAccessedByLayers("app", "ui", "console")
                .whereLayer("server").mayOnlyBeAccessedByLayers("app", "ui", "console", "control")
                .whereLayer("chat").mayOnlyBeAccessedByLayers("app", "ui", "console", "control", "server")
                .whereLayer("auth").mayOnlyBeAccessedByLayers("app", "ui", "console", "control", "server", "chat")
                .whereLayer("log").mayOnlyBeAccessedByLayers("app", "ui", "console", "control", "server", "chat", "auth")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void onlyTheUiImportsJavafx() {
        noClasses().that().resideOutsideOfPackages("org.switchboard.ui..", "org.switchboard.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(CLASSES);
    }

    @Test
    void theCoreNeverPrintsToStandardOutput() {
        noClasses().that().resideInAnyPackage("org.switchboard.server..", "org.switchboard.chat..",
                        "org.switchboard.auth..", "org.switchboard.log..", "org.switchboard.protocol..",
                        "org.switchboard.control..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(CLASSES);
    }

    @Test
    void theCoreHasNoSynchronizedMethods() {
        // On Java 21 a virtual thread blocked inside synchronized pins its carrier: locks are ReentrantLocks.
        noMethods().that().areDeclaredInClassesThat().resideInAnyPackage("org.switchboard.server..",
                        "org.switchboard.chat..", "org.switchboard.auth..", "org.switchboard.log..",
                        "org.switchboard.protocol..", "org.switchboard.control..")
                .should().haveModifier(JavaModifier.SYNCHRONIZED)
                .check(CLASSES);
    }
}
