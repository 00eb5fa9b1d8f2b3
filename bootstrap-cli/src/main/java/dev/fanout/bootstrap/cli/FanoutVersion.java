package dev.fanout.bootstrap.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest ("development" when run from classes) and the SHA-256 in use. */
final class FanoutVersion implements CommandLine.IVersionProvider {

    private final CliEnvironment environment;

    FanoutVersion(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String[] getVersion() {
        String version = FanoutVersion.class.getPackage().getImplementationVersion();
        return new String[] {"fanout " + (version == null ? "development build" : version),
                "Row Event v1", "JVM: ${java.version} (${java.vendor})", NativeSha256.load(environment.nativeLibraries())};
    }
}
