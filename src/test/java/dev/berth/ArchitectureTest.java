package dev.berth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.berth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsFreeOfJavaFx = noClasses()
            .that()
            .resideInAnyPackage("dev.berth.config..", "dev.berth.release..", "dev.berth.backup..", "dev.berth.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("the engine and its parts must run on a server without a display");

    @ArchTest
    static final ArchRule onlyGuiUsesJavaFx = noClasses()
            .that()
            .resideOutsideOfPackages("dev.berth.gui..")
            .and()
            .doNotHaveFullyQualifiedName("dev.berth.Main")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("JavaFX is one front end; the CLI twin must not need it");

    @ArchTest
    static final ArchRule onlyDockerUsesDockerJava = noClasses()
            .that()
            .resideOutsideOfPackages("dev.berth.docker..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.github.dockerjava..")
            .because("docker is the one adapter to the engine; a remote host plugs in there");

    @ArchTest
    static final ArchRule onlyRemoteUsesSsh = noClasses()
            .that()
            .resideOutsideOfPackages("dev.berth.docker.remote..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.sshd..")
            .because("SSH is one transport of the docker adapter; the rest works on Paths and a CommandRunner");

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("config")
            .definedBy("dev.berth.config..")
            .layer("release")
            .definedBy("dev.berth.release..")
            .layer("backup")
            .definedBy("dev.berth.backup..")
            .layer("engine")
            .definedBy("dev.berth.engine..")
            .layer("docker")
            .definedBy("dev.berth.docker..")
            .layer("cli")
            .definedBy("dev.berth.cli..")
            .layer("gui")
            .definedBy("dev.berth.gui..")
            .whereLayer("gui")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("docker")
            .mayOnlyBeAccessedByLayers("cli", "gui")
            .whereLayer("engine")
            .mayOnlyBeAccessedByLayers("docker", "cli", "gui")
            .whereLayer("backup")
            .mayOnlyBeAccessedByLayers("engine", "docker", "cli", "gui")
            .whereLayer("release")
            .mayOnlyBeAccessedByLayers("backup", "engine", "docker", "cli", "gui")
            .because("parts depend downwards only: config < release < backup < engine < docker < front ends");

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.berth.(*)..")
            .should()
            .beFreeOfCycles()
            .because("cycles make the parts impossible to test and reuse alone");

    @ArchTest
    static final ArchRule frontEndsAreIndependent = noClasses()
            .that()
            .resideInAnyPackage("dev.berth.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.berth.gui..")
            .because("the CLI and the GUI are twins that both call the engine; Main wires them");
}
