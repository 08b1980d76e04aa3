package dev.morganbuild.jenkins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.morganbuild.engine.job.FrontDoor;
import dev.morganbuild.jenkins.caches.EngineCacheView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.WebMethod;
import org.kohsuke.stapler.verb.GET;
import org.kohsuke.stapler.verb.POST;

class ArchitectureTest {
    private final JavaClasses plugin = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.morganbuild.jenkins");

    /** The plugin is thin glue: it comes in through the engine's front door, as the CLI does. */
    @Test
    void shouldUseOnlyTheEnginesFrontDoor() {
        noClasses().should().dependOnClassesThat(new DescribedPredicate<JavaClass>(
                "engine classes outside the front door (" + FrontDoor.PACKAGES + " and " + FrontDoor.CLASSES + ")") {
            @Override
            public boolean test(JavaClass c) {
                return !FrontDoor.admits(c.getName());
            }
        }).because("the CLI and the plugin share one front door: BuildService and StackRequest")
                .check(plugin);
    }

    /**
     * Packages by concept (steps, agent, model, config, caches) that depend on each other one way only:
     * steps use the agent, the model and the configuration; nothing uses the steps.
     */
    @Test
    void shouldKeepThePluginsPackagesFreeOfCycles() {
        slices().matching("dev.morganbuild.jenkins.(*)..").should().beFreeOfCycles().check(plugin);
        assertThat(plugin.getPackage("dev.morganbuild.jenkins").getSubpackages())
                .extracting(p -> p.getName().replace("dev.morganbuild.jenkins.", ""))
                .containsExactlyInAnyOrder("steps", "agent", "model", "config", "caches");
    }

    /** Every Stapler web method ({@code do*}) names its HTTP verb and checks a permission. */
    @Test
    void shouldProtectWebMethodsWithAVerbAndAPermissionCheck() {
        methods().that().haveNameMatching("do[A-Z].*").and().arePublic()
                .should(nameAVerbAndCheckAPermission())
                .check(plugin);
    }

    @Test
    void shouldFindTheWebMethodsItChecks() {
        assertThat(plugin.stream().flatMap(c -> c.getMethods().stream()).map(JavaMethod::getName))
                .contains("doPrune", "doPruneEngine", "doRefresh", "doFillCredentialsIdItems", "doCheckCacheBudget");
    }

    private static ArchCondition<JavaMethod> nameAVerbAndCheckAPermission() {
        return new ArchCondition<>("be annotated @POST, @GET or @WebMethod and call checkPermission or hasPermission") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean verb = method.isAnnotatedWith(POST.class) || method.isAnnotatedWith(GET.class)
                        || method.isAnnotatedWith(WebMethod.class);
                boolean checks = method.getMethodCallsFromSelf().stream()
                        .anyMatch(c -> c.getName().equals("checkPermission") || c.getName().equals("hasPermission"));
                events.add(new SimpleConditionEvent(method, verb && checks,
                        method.getFullName() + ": verb annotation " + verb + ", permission check " + checks));
            }
        };
    }

    /** A Jelly view's {@code ${row.size()}} is JEXL's size operator, not the accessor: it renders blank. */
    @Test
    void shouldNotNameARecordComponentSizeForTheViews() throws ClassNotFoundException {
        List<String> named = new java.util.ArrayList<>();
        for (JavaClass c : plugin) {
            Class<?> k = Class.forName(c.getName(), false, getClass().getClassLoader());
            if (k.isRecord()) {
                for (var rc : k.getRecordComponents()) {
                    if (rc.getName().equals("size")) {
                        named.add(c.getName());
                    }
                }
            }
        }
        assertThat(named).isEmpty();
        assertThat(plugin.stream().map(JavaClass::getName)).contains(EngineCacheView.MountRow.class.getName());
    }

    @Test
    void shouldEscapeEveryJellyViewByDefault() throws IOException {
        List<Path> jelly;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            jelly = files.filter(p -> p.toString().endsWith(".jelly")).toList();
        }
        assertThat(jelly).isNotEmpty().allSatisfy(p ->
                assertThat(Files.readString(p)).as(p.toString()).startsWith("<?jelly escape-by-default='true'?>"));
    }

    @Test
    void shouldKeepInlineScriptsAndStylesOutOfOurViews() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            files.filter(p -> p.toString().endsWith(".jelly")).forEach(p -> {
                try {
                    assertThat(Files.readString(p)).as(p.toString())
                            .doesNotContainPattern("<script(?![^>]*src=)[^>]*>")
                            .doesNotContain(" style=\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
