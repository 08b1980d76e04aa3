package dev.morganbuild.cli;

import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = MorganCli.class.getPackage().getImplementationVersion();
        return new String[] {"morgan " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
