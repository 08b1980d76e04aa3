package dev.morganbuild.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.morganbuild.engine.job.FrontDoor;
import org.junit.jupiter.api.Test;

/** The CLI is a front end: it comes in through the engine's front door and uses nothing behind it. */
class ArchitectureTest {
    private final JavaClasses cli = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.morganbuild.cli");

    static final DescribedPredicate<JavaClass> BEHIND_THE_FRONT_DOOR = new DescribedPredicate<>(
            "engine classes outside the front door (" + FrontDoor.PACKAGES + " and " + FrontDoor.CLASSES + ")") {
        @Override
        public boolean test(JavaClass c) {
            return !FrontDoor.admits(c.getName());
        }
    };

    @Test
    void shouldUseOnlyTheEnginesFrontDoor() {
        noClasses().should().dependOnClassesThat(BEHIND_THE_FRONT_DOOR)
                .because("the CLI and the plugin share one front door: BuildService and StackRequest")
                .check(cli);
    }
}
