package dev.morganbuild.jenkins;

import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.config.MorganNodeProperty;
import dev.morganbuild.jenkins.model.MorganBuildAction;
import dev.morganbuild.jenkins.model.ServiceSummary;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * The names classes had before the plugin's packages were settled (everything in one package,
 * {@code dev.morganbuild.jenkins}), so that what earlier builds wrote still reads: build.xml files name
 * the build action and its summaries, node configurations the node property, and the global
 * configuration's file is named after its class.
 */
public final class FormerNames {
    private static final String FORMER = "dev.morganbuild.jenkins.";
    /** Former class name -> the class now. */
    static final Map<String, Class<?>> CLASSES = Map.of(
            FORMER + "MorganBuildAction", MorganBuildAction.class,
            FORMER + "ServiceSummary", ServiceSummary.class,
            FORMER + "MorganNodeProperty", MorganNodeProperty.class,
            FORMER + "MorganGlobalConfiguration", MorganGlobalConfiguration.class);

    private FormerNames() {
    }

    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void addAliases() {
        CLASSES.forEach((former, now) -> {
            Run.XSTREAM2.addCompatibilityAlias(former, now);
            Jenkins.XSTREAM2.addCompatibilityAlias(former, now);
        });
    }

    /**
     * Renames the global configuration's file of a former version ({@code <former class name>.xml} in
     * the Jenkins home) to the current name, with its root element renamed, unless the current file
     * exists already. Descriptors read their file with a private XStream that knows no aliases.
     */
    public static void migrateConfigurationFile(Path home, Class<?> now) throws IOException {
        String former = CLASSES.entrySet().stream().filter(e -> e.getValue() == now).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(now + " had no former name"));
        Path from = home.resolve(former + ".xml");
        Path to = home.resolve(now.getName() + ".xml");
        if (!Files.isRegularFile(from) || Files.exists(to)) {
            return;
        }
        String xml = Files.readString(from, StandardCharsets.UTF_8);
        String renamed = xml.replace("<" + former + ">", "<" + now.getName() + ">")
                .replace("<" + former + " ", "<" + now.getName() + " ")
                .replace("</" + former + ">", "</" + now.getName() + ">");
        Path tmp = home.resolve(now.getName() + ".xml.tmp");
        Files.writeString(tmp, renamed, StandardCharsets.UTF_8);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(from);
    }
}
