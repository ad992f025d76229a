package org.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

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
    void theCoreHasNoSynchronizedMethodsOrBlocks() {
        // On Java 21 a virtual thread blocked inside synchronized pins its carrier: locks are ReentrantLocks.
        classes().that().resideInAnyPackage("org.switchboard.server..", "org.switchboard.chat..",
                        "org.switchboard.auth..", "org.switchboard.log..", "org.switchboard.protocol..",
                        "org.switchboard.control..")
                .should(holdNoMonitor())
                .check(CLASSES);
    }

    /**
     * No synchronized method and no synchronized block. ArchUnit sees a method's modifiers but not its
     * code, so the class file is read with ASM: a block is a MONITORENTER instruction.
     */
    private static ArchCondition<JavaClass> holdNoMonitor() {
        return new ArchCondition<>("have no synchronized method or block") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String method : synchronizedIn(javaClass)) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + "." + method));
                }
            }
        };
    }

    /** The methods of the class that are synchronized or hold a synchronized block, as "name (how)". */
    static Set<String> synchronizedIn(JavaClass javaClass) {
        URI classFile = javaClass.getSource().orElseThrow().getUri();
        Set<String> found = new LinkedHashSet<>();
        try (InputStream in = classFile.toURL().openStream()) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                        found.add(name + " (synchronized method)");
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitInsn(int opcode) {
                            if (opcode == Opcodes.MONITORENTER) {
                                found.add(name + " (synchronized block)");
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classFile, e);
        }
        return found;
    }
}
