package dev.morganbuild.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.morganbuild.engine");

    /** docs/architecture.puml, from the engine module's folder (where Maven runs the tests). */
    static final Path DIAGRAM = Path.of("..", "docs", "architecture.puml");

    @Test
    void shouldHaveOnlyThePackageDependenciesTheArchitectureDiagramShows() throws Exception {
        classes().should(adhereToPlantUmlDiagram(DIAGRAM.toUri().toURL(), consideringOnlyDependenciesInDiagram()))
                .because("docs/architecture.md shows the packages and what flows between them; keep it true")
                .check(engine);
    }

    @Test
    void shouldShowEveryEnginePackageInTheDiagramAndItsPicture() throws Exception {
        String diagram = Files.readString(DIAGRAM);
        String svg = Files.readString(DIAGRAM.resolveSibling("architecture.svg"));
        java.util.Set<String> packages = new java.util.TreeSet<>();
        engine.forEach(c -> packages.add(c.getPackageName()));
        for (String p : packages) {
            String shown = p.equals("dev.morganbuild.engine") ? "<<dev.morganbuild.engine>>"
                    : "<<..engine." + p.substring("dev.morganbuild.engine.".length()).replaceFirst("\\..*", "") + "..>>";
            assertThat(diagram).as("package %s in docs/architecture.puml", p).contains(shown);
        }
        Matcher components = Pattern.compile("^\\[(\\w+)\\] <<", Pattern.MULTILINE).matcher(diagram);
        while (components.find()) {
            assertThat(svg).as("docs/architecture.svg is rendered from the current source (scripts/render-architecture.sh)")
                    .contains(">" + components.group(1) + "<");
        }
    }

    @Test
    void shouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "io.jenkins..")
                .because("the engine runs without Jenkins (CLI, tests); the plugin is thin glue over it")
                .check(engine);
    }

    @Test
    void shouldRunProcessesOnlyThroughTheCommandRunner() {
        // AgentJobMain is the entry point of a process of its own (the detached build), whose signals it handles
        noClasses().that().resideOutsideOfPackage("dev.morganbuild.engine.exec..")
                .and().doNotHaveFullyQualifiedName("dev.morganbuild.engine.job.AgentJobMain")
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
