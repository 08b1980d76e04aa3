package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who may read Manage Jenkins > morgan-build caches and who may prune, through HTTP as a browser asks:
 * reading and Refresh need Overall/SystemRead, pruning needs Administer and a POST. The built-in node
 * (it has executors in the test controller) is the node read and pruned; its cache root is a test
 * folder and its docker client does not exist, so the page shows the folders and says why the engine's
 * cache is not there.
 */
@WithJenkins
class MorganCachesLinkPermissionsTest {
    private static final String PAGE = "morgan-build-caches/";
    private static final String READER = "reader";
    private static final String SYSTEM_READER = "system-reader";
    private static final String ADMIN = "admin";

    @TempDir
    Path tmp;

    @Test
    void shouldRefuseThePageAndItsPostsToAnonymousAndToAReaderWithoutSystemRead(JenkinsRule j) throws Exception {
        secure(j);

        for (JenkinsRule.WebClient web : List.of(web(j), web(j).login(READER))) {
            assertThat(get(web, PAGE).status()).isEqualTo(403);
            assertThat(get(web, "manage/" + PAGE).status()).isEqualTo(403);
            assertThat(post(web, "refresh", Map.of()).status()).isEqualTo(403);
            assertThat(post(web, "prune", Map.of("node", "", "budget", "1GiB")).status()).isEqualTo(403);
            assertThat(post(web, "pruneEngine", Map.of("node", "", "type", "regular")).status()).isEqualTo(403);
        }
        assertThat(text(web(j).login(ADMIN).goTo(PAGE))).doesNotContain("Prune running", "Last prune");
    }

    @Test
    void shouldShowThePageToASystemReaderWithoutLettingThemPrune(JenkinsRule j) throws Exception {
        secure(j);
        JenkinsRule.WebClient web = web(j).login(SYSTEM_READER);

        HtmlPage page = web.goTo(PAGE);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(text(page)).contains("morgan-build caches", "built-in", "Figures read ", "Cache root " + tmp.resolve("cache"),
                "Engine build cache not available: ");
        assertThat(formNames(page)).contains("refresh").doesNotContain("prune-built-in", "prune-type-built-in");
        assertThat(post(web, "refresh", Map.of()).status()).as("Refresh needs SystemRead only").isEqualTo(200);
        assertThat(post(web, "prune", Map.of("node", "", "budget", "1GiB")).status()).isEqualTo(403);
        assertThat(post(web, "pruneEngine", Map.of("node", "", "type", "regular")).status()).isEqualTo(403);
        assertThat(text(web(j).login(ADMIN).goTo(PAGE))).doesNotContain("Prune running", "Last prune");
    }

    @Test
    void shouldLetAnAdministratorPruneInTheBackgroundAndShowWhatThePruneDid(JenkinsRule j) throws Exception {
        secure(j);
        JenkinsRule.WebClient web = web(j).login(ADMIN);
        assertThat(formNames(web.goTo(PAGE))).contains("refresh", "prune-built-in");

        Reply answer = post(web, "prune", Map.of("node", "", "budget", "1GiB"));

        // the POST returns at once, redirected to the page, which shows the prune running or already done
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.path()).endsWith("/" + PAGE);
        assertThat(answer.body()).containsAnyOf("Prune running on built-in since", "Last prune");
        String done = awaitText(web, "Last prune");
        assertThat(done).contains("Last prune, the cache root's folders to 1GiB: removed nothing, freed 0 B; finished ");
    }

    @Test
    void shouldAnswerAPrunesMistakesWithTheirStatus(JenkinsRule j) throws Exception {
        secure(j);
        JenkinsRule.WebClient web = web(j).login(ADMIN);

        Reply badBudget = post(web, "prune", Map.of("node", "", "budget", "ten gigs"));
        Reply neither = post(web, "pruneEngine", Map.of("node", ""));
        Reply notAType = post(web, "pruneEngine", Map.of("node", "", "type", "layers"));
        Reply noNode = post(web, "prune", Map.of("node", "nope", "budget", "1GiB"));

        // the error page escapes the quotes around the value (&apos;layers&apos;)
        assertThat(badBudget.status()).isEqualTo(400);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body()).contains("name either a record type or a cache mount");
        assertThat(notAType.status()).isEqualTo(400);
        assertThat(notAType.body()).contains("layers", "is not a build-cache record type");
        assertThat(noNode.status()).isEqualTo(404);
        assertThat(noNode.body()).contains("no node named", "nope");
    }

    @Test
    void shouldNotPruneOnAGet(JenkinsRule j) throws Exception {
        secure(j);
        JenkinsRule.WebClient web = web(j).login(ADMIN);

        // @POST cancels the dispatch of any other verb: stapler finds nothing else there and answers 404
        // (RequirePOST would answer 405 with a form to resubmit)
        assertThat(get(web, PAGE + "prune?node=&budget=1GiB").status()).isEqualTo(404);
        assertThat(get(web, PAGE + "pruneEngine?node=&type=regular").status()).isEqualTo(404);
        assertThat(get(web, PAGE + "refresh").status()).isEqualTo(404);
        assertThat(text(web.goTo(PAGE))).doesNotContain("Prune running", "Last prune");
    }

    /**
     * reader: Overall/Read; system-reader: Read and SystemRead (granted here even though Jenkins leaves the
     * permission off unless {@code jenkins.security.SystemReadPermission} is set); admin: Administer.
     */
    private void secure(JenkinsRule j) throws Exception {
        MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
        config.setCacheRoot(Files.createDirectories(tmp.resolve("cache")).toString());
        config.setDockerExecutable(tmp.resolve("no-docker/docker").toString());
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to(READER)
                .grant(Jenkins.READ, Jenkins.SYSTEM_READ).everywhere().to(SYSTEM_READER)
                .grant(Jenkins.ADMINISTER).everywhere().to(ADMIN));
    }

    /** A client without JavaScript (the page reloads itself while a prune runs). */
    private static JenkinsRule.WebClient web(JenkinsRule j) {
        JenkinsRule.WebClient web = j.createWebClient();
        web.setJavaScriptEnabled(false);
        return web;
    }

    /**
     * What the server answered: its status and body (after redirects). A refusal is read from the
     * exception HtmlUnit throws for it: an anonymous user's 403 page refreshes to the login page, which
     * HtmlUnit would otherwise follow and report as 200.
     */
    private record Reply(int status, String path, String body) {
        static Reply of(JenkinsRule.WebClient web, WebRequest request) throws Exception {
            web.setThrowExceptionOnFailingStatusCode(true);
            try {
                WebResponse r = web.getPage(request).getWebResponse();
                return new Reply(r.getStatusCode(), r.getWebRequest().getUrl().getPath(), r.getContentAsString());
            } catch (FailingHttpStatusCodeException e) {
                WebResponse r = e.getResponse();
                return new Reply(e.getStatusCode(), r.getWebRequest().getUrl().getPath(), r.getContentAsString());
            }
        }
    }

    private static Reply get(JenkinsRule.WebClient web, String path) throws Exception {
        return Reply.of(web, new WebRequest(new URL(web.getContextPath() + path)));
    }

    /** A form's POST to one of the page's web methods, with the crumb a browser sends. */
    private static Reply post(JenkinsRule.WebClient web, String method, Map<String, String> fields) throws Exception {
        WebRequest request = new WebRequest(new URL(web.getContextPath() + PAGE + method), HttpMethod.POST);
        List<NameValuePair> values = new ArrayList<>();
        fields.forEach((k, v) -> values.add(new NameValuePair(k, v)));
        request.setRequestParameters(values);
        return Reply.of(web, web.addCrumb(request));
    }

    /** The page's text once it contains {@code wanted}; the prune runs in the background. */
    private static String awaitText(JenkinsRule.WebClient web, String wanted) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = text(web.goTo(PAGE));
        while (!text.contains(wanted) && System.nanoTime() < end) {
            Thread.sleep(200);
            text = text(web.goTo(PAGE));
        }
        return text;
    }

    private static String text(HtmlPage page) {
        return page.asNormalizedText();
    }

    private static List<String> formNames(HtmlPage page) {
        return page.getForms().stream().map(HtmlForm::getNameAttribute).toList();
    }
}
