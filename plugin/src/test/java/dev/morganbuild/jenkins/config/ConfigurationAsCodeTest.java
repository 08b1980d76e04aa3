package dev.morganbuild.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Every global setting can be set from configuration-as-code, under {@code unclassified: morganBuild:}. */
@WithJenkins
class ConfigurationAsCodeTest {
    @Test
    void shouldReadEverySettingFromConfigurationAsCode(JenkinsRule j) throws Exception {
        ConfigurationAsCode.get().configure(getClass().getResource("configuration-as-code.yml").toExternalForm());

        assertSettingsFromYaml(MorganGlobalConfiguration.get());
    }

    @Test
    void shouldKeepEverySettingThroughTheConfigurationPage(JenkinsRule j) throws Exception {
        ConfigurationAsCode.get().configure(getClass().getResource("configuration-as-code.yml").toExternalForm());

        j.configRoundtrip();

        assertSettingsFromYaml(MorganGlobalConfiguration.get());
    }

    private static void assertSettingsFromYaml(MorganGlobalConfiguration c) {
        assertThat(c.getDockerExecutable()).isEqualTo("/usr/bin/docker");
        assertThat(c.getBackend()).isEqualTo("builtin");
        assertThat(c.getBuilderName()).isEqualTo("ci");
        assertThat(c.getGpuLabel()).isEqualTo("gpu && cuda13");
        assertThat(c.getCpuLabel()).isEqualTo("docker && linux");
        assertThat(c.getCacheRoot()).isEqualTo("/var/cache/morgan-build");
        assertThat(c.getCacheBudget()).isEqualTo("40GiB");
        assertThat(c.getNightlyCacheMounts()).isEqualTo("drop");
        assertThat(c.getRegressionThreshold()).isEqualTo(0.3);
        assertThat(c.getTrendBuilds()).isEqualTo(100);
        assertThat(c.isLabelMismatchWarnOnly()).isTrue();
        assertThat(c.getAllowedAgentVariables()).containsExactly("HTTP_PROXY", "PIP_*");
    }
}
