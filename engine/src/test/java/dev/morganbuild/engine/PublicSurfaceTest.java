package dev.morganbuild.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaGenericArrayType;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaWildcardType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Public means used across packages: an engine class is public only when code of another package uses it (engine
 * code or tests, the CLI, the plugin, the benchmarks), or when a public member of such a class shows it (the
 * {@code ReportBuild}s of a {@code ReportModel}). Everything else is package-private, so the surface cannot grow
 * back unnoticed. One blind spot: javac copies a constant ({@code static final} of a literal) into the class that
 * reads it, so a class that another engine package uses only for such constants looks unused here.
 */
class PublicSurfaceTest {
    /** The engine's classes and its tests: a test of another package is a user too. */
    private static final JavaClasses ENGINE = new ClassFileImporter().importPackages("dev.morganbuild.engine");
    private static final ImportOption MAIN = new ImportOption.DoNotIncludeTests();
    private static final DescribedPredicate<JavaClass> MAIN_CODE = DescribedPredicate.describe("are the engine's own",
            c -> c.getSource().map(s -> MAIN.includes(Location.of(s.getUri()))).orElse(false));

    @Test
    void shouldKeepPublicOnlyTheClassesUsedOutsideTheirPackage() {
        Set<JavaClass> used = usedAcrossPackages(FrontEndSources.engineClassesNamedIn(FrontEndSources.ALL));

        classes().that(MAIN_CODE).and().arePublic().and().areNotAnonymousClasses().and().areNotLocalClasses()
                .should(new ArchCondition<>("be used outside their package or be shown by a public member of a class that is") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        events.add(new SimpleConditionEvent(c, used.contains(c), c.getName()
                                + (used.contains(c) ? " is used outside its package"
                                : " is public but nothing outside " + c.getPackageName() + " uses it: make it package-private")));
                    }
                })
                .because("public means used across packages (docs/architecture.md, 'A small public surface')")
                .check(ENGINE);
    }

    @Test
    void shouldSeeTheFrontEndsAndTheEnginesTests() {
        Set<String> named = FrontEndSources.engineClassesNamedIn(FrontEndSources.ALL);
        assertThat(named).contains("dev.morganbuild.engine.job.StackRequest", "dev.morganbuild.engine.job.StackRequest$Builder",
                "dev.morganbuild.engine.job.AgentJobMain", "dev.morganbuild.engine.buildkit.PlainProgressParser");
        assertThat(ENGINE.stream().filter(MAIN_CODE).count()).isGreaterThan(100);
        assertThat(ENGINE.stream().filter(MAIN_CODE.negate())).extracting(JavaClass::getSimpleName).contains("PublicSurfaceTest");
    }

    /**
     * The public main classes that code of another package uses (a dependency seen in the engine's classes and tests,
     * or a name in the front ends' sources), the classes enclosing them, and the classes that public members of those
     * show in their signatures, until nothing is added.
     */
    private static Set<JavaClass> usedAcrossPackages(Set<String> namedByFrontEnds) {
        Set<JavaClass> used = new HashSet<>();
        List<JavaClass> todo = new ArrayList<>();
        for (JavaClass c : ENGINE) {
            if (MAIN_CODE.test(c) && (namedByFrontEnds.contains(c.getName()) || c.getDirectDependenciesToSelf().stream()
                    .anyMatch(d -> !d.getOriginClass().getPackageName().equals(c.getPackageName())))) {
                todo.add(c);
            }
        }
        while (!todo.isEmpty()) {
            JavaClass c = todo.remove(todo.size() - 1);
            if (!MAIN_CODE.test(c) || !used.add(c)) {
                continue;
            }
            c.getEnclosingClass().ifPresent(todo::add);
            shownBy(c).forEach(todo::add);
        }
        return used;
    }

    /** The classes that a class's supertypes and its public and protected members' signatures name. */
    private static Stream<JavaClass> shownBy(JavaClass c) {
        List<JavaType> types = new ArrayList<>();
        c.getSuperclass().ifPresent(types::add);
        types.addAll(c.getInterfaces());
        for (JavaMember m : c.getMembers()) {
            if (!m.getModifiers().contains(JavaModifier.PUBLIC) && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
                continue;
            }
            if (m instanceof JavaCodeUnit u) {
                types.add(u.getReturnType());
                types.addAll(u.getParameterTypes());
                u.getThrowsClause().getTypes().forEach(types::add);
            } else if (m instanceof JavaField f) {
                types.add(f.getType());
            }
        }
        List<JavaClass> shown = new ArrayList<>();
        types.forEach(t -> rawTypes(t, shown));
        return shown.stream();
    }

    /** A type's classes: itself and its type arguments' (ArchUnit's getAllInvolvedRawTypes loops on {@code E extends Enum<E>}). */
    private static void rawTypes(JavaType t, List<JavaClass> out) {
        out.add(t.toErasure());
        if (t instanceof JavaParameterizedType p) {
            p.getActualTypeArguments().forEach(a -> rawTypes(a, out));
        } else if (t instanceof JavaWildcardType w) {
            w.getUpperBounds().forEach(b -> rawTypes(b, out));
            w.getLowerBounds().forEach(b -> rawTypes(b, out));
        } else if (t instanceof JavaGenericArrayType a) {
            rawTypes(a.getComponentType(), out);
        }
    }
}
