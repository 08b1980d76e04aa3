package dev.morganbuild.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.morganbuild.engine");

    @Test
    void shouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "io.jenkins..")
                .because("the engine runs without Jenkins (CLI, tests); the plugin is thin glue over it")
                .check(engine);
    }

    @Test
    void shouldRunProcessesOnlyThroughTheCommandRunner() {
        noClasses().that().resideOutsideOfPackage("dev.morganbuild.engine.exec..")
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Runtime.class)
                .because("in Jenkins, processes must run on the agent through the step's Launcher")
                .check(engine);
    }

    @Test
    void shouldKeepTheModelFreeOfWork() {
        noClasses().that().resideInAnyPackage("dev.morganbuild.engine.record..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.morganbuild.engine.job..",
                        "dev.morganbuild.engine.buildkit..", "dev.morganbuild.engine.cache..")
                .check(engine);
    }
}
