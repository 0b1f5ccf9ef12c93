package net.parallax.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md: they point one way, and the core knows no toolkit. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.parallax");
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("net.parallax.ui..")
                .and().doNotHaveFullyQualifiedName("net.parallax.Main")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
                .check(classes);
    }

    @Test
    void onlyTheCapturePackageUsesPcap4j() {
        noClasses().that().resideOutsideOfPackage("net.parallax.capture..")
                .should().dependOnClassesThat().resideInAPackage("org.pcap4j..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheUiOrTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("net.parallax.ui..", "net.parallax.cli..")
                .and().doNotHaveFullyQualifiedName("net.parallax.Main")
                .should().dependOnClassesThat().resideInAnyPackage("net.parallax.ui..", "net.parallax.cli..")
                .check(classes);
    }

    @Test
    void theUiAndTheCommandLineDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("net.parallax.ui..")
                .should().dependOnClassesThat().resideInAPackage("net.parallax.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("net.parallax.cli..")
                .should().dependOnClassesThat().resideInAPackage("net.parallax.ui..")
                .check(classes);
    }

    @Test
    void theCoreLayersPointOneWay() {
        noClasses().that().resideInAPackage("net.parallax.capture..")
                .should().dependOnClassesThat().resideInAnyPackage("net.parallax.analysis..", "net.parallax.align..",
                        "net.parallax.workspace..", "net.parallax.report..", "net.parallax.filter..")
                .check(classes);
        noClasses().that().resideInAPackage("net.parallax.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("net.parallax.align..",
                        "net.parallax.workspace..", "net.parallax.report..", "net.parallax.filter..")
                .check(classes);
        noClasses().that().resideInAPackage("net.parallax.align..")
                .should().dependOnClassesThat().resideInAnyPackage("net.parallax.workspace..", "net.parallax.report..",
                        "net.parallax.filter..")
                .check(classes);
        noClasses().that().resideInAPackage("net.parallax.filter..")
                .should().dependOnClassesThat().resideInAnyPackage("net.parallax.workspace..", "net.parallax.report..")
                .check(classes);
    }

    @Test
    void nothingUsesJavaSerialization() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
                .check(classes);
    }
}
