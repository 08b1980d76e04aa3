package dev.morganbuild.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Functions;
import hudson.slaves.DumbSlave;
import hudson.slaves.NodeProperty;
import hudson.slaves.NodePropertyDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The node property's cache root is a node's own: offered on agents, never among the global properties. */
@WithJenkins
class MorganNodePropertyTest {
    @Test
    void shouldBeOfferedOnAnAgentButNotAsAGlobalProperty(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createSlave("cache-agent", "docker", null);
        NodePropertyDescriptor ours = j.jenkins.getDescriptorByType(MorganNodeProperty.DescriptorImpl.class);

        assertThat(ours).isNotNull();
        assertThat(NodeProperty.for_(agent)).as("the agent's configuration page").contains(ours);
        assertThat(Functions.getGlobalNodePropertyDescriptors()).as("Manage Jenkins > System > Global properties")
                .doesNotContain(ours);
    }
}
