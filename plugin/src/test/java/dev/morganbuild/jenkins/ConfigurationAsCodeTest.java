package dev.morganbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldReadEverySettingFromConfigurationAsCode(JenkinsConfiguredWithCodeRule j) {
        MorganGlobalConfiguration c = MorganGlobalConfiguration.get();

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
    }
}
