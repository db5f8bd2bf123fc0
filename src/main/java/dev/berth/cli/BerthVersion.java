package dev.berth.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, which Maven fills from the project version. */
public final class BerthVersion implements IVersionProvider {
    public static String version() {
        String v = BerthVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"berth " + version()};
    }
}
