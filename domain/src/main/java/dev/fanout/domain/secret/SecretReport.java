package dev.fanout.domain.secret;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MtlsSecretCheck} found, in the order it looked, and a one-line description of what was read
 * (chain length, key type, the leaf's expiry) for a secret that passed.
 */
public record SecretReport(List<Finding> findings, String summary) {

    public SecretReport {
        findings = List.copyOf(findings);
        Objects.requireNonNull(summary, "summary");
    }

    /** Usable by EventBridge Pipes: no errors (warnings allowed). */
    public boolean valid() {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
    }
}
