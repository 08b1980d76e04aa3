package dev.morganbuild.jenkins.config;

import dev.morganbuild.jenkins.Messages;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Node;
import hudson.slaves.NodeProperty;
import hudson.slaves.NodePropertyDescriptor;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Per-node override of the morgan-build cache root (e.g. a big local disk on GPU agents). */
public class MorganNodeProperty extends NodeProperty<Node> {
    private final String cacheRoot;

    @DataBoundConstructor
    public MorganNodeProperty(String cacheRoot) {
        this.cacheRoot = FormValues.blankTo(cacheRoot, "");
    }

    public String getCacheRoot() {
        return cacheRoot;
    }

    /** The node's cache root: its property, else the global one, else null for the engine's default. */
    public static String cacheRootFor(Node node, MorganGlobalConfiguration config) {
        MorganNodeProperty p = node == null ? null : node.getNodeProperty(MorganNodeProperty.class);
        if (p != null && !p.getCacheRoot().isEmpty()) {
            return p.getCacheRoot();
        }
        return config.getCacheRoot().isEmpty() ? null : config.getCacheRoot();
    }

    @Extension
    @Symbol("morganBuildCache")
    public static final class DescriptorImpl extends NodePropertyDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MorganNodeProperty_DisplayName();
        }

        /** A cache root belongs to a node; the global one is in the plugin's own configuration. */
        @Override
        public boolean isApplicableAsGlobal() {
            return false;
        }
    }
}
