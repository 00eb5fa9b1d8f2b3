package dev.fanout.bootstrap.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest, or "development" when run from classes. */
final class FanoutVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = FanoutVersion.class.getPackage().getImplementationVersion();
        return new String[] {"fanout " + (version == null ? "development build" : version),
                "Row Event v1", "JVM: ${java.version} (${java.vendor})"};
    }
}
