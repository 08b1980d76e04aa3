package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.steps.MorganBuildRealDockerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The caches page with a real Docker engine behind the built-in node: the engine's sentences come from
 * the page's index.properties with their values filled in and their markup kept (the used size in
 * {@code <strong>}), the tables have their headings. Skipped when no engine answers, as
 * MorganBuildRealDockerTest is.
 */
@WithJenkins
class CachesPageRealDockerTest {
    @TempDir
    Path tmp;

    @Test
    void shouldShowTheEnginesBuildCacheInThePagesOwnWords(JenkinsRule j) throws Exception {
        assumeTrue(MorganBuildRealDockerTest.dockerAnswers(), "no Docker engine");
        MorganGlobalConfiguration.get().setCacheRoot(Files.createDirectories(tmp.resolve("cache")).toString());
        JenkinsRule.WebClient web = j.createWebClient();
        web.setJavaScriptEnabled(false);

        HtmlPage page = web.goTo("morgan-build-caches/");

        String text = page.asNormalizedText();
        assertThat(text).doesNotContain("Engine build cache not available");
        assertThat(text).containsPattern("Build cache \\S+ \\S+ \\(reclaimable \\S+ \\S+\\) \u00b7 budget \\S+ \\(\\S+ used\\) "
                + "\u00b7 free disk \\S+");
        assertThat(text).contains("Forecast: ", "Type", "Records", "Reclaimable", "Layers by service", "(not attributed)",
                "Cache root " + tmp.resolve("cache"), "Prune folders to budget");
        DomElement used = page.getFirstByXPath("//div[@class='morgan-bar-row']/span/strong");
        assertThat(used).as("the used size in <strong>, not its escaped text").isNotNull();
        assertThat(used.getTextContent()).matches("[0-9.]+ (B|KiB|MiB|GiB|TiB)");
    }
}
