package dev.fanout.domain.secret;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an EventBridge Pipes mTLS secret ({@code Credentials.ClientCertificateTlsAuth}, EventBridge Pipes user guide, mTLS for Kafka sources)
 * before a deployment fails on it: the JSON keys, the certificate chain (PEM, leaf first, each certificate
 * issued by the next, none expired), the private key (PKCS#8, unencrypted or PBES1 with the right password,
 * the leaf's), and the size. Pipes reports none of this clearly, and Kafka clients accept what Pipes
 * refuses (PBES2 keys), so a working {@code fanout publish} proves nothing about the secret.
 */
public final class MtlsSecretCheck {

    /** Secrets Manager's limit for a secret value. */
    public static final int MAX_SECRET_BYTES = 65_536;
    /** A certificate expiring sooner than this is a warning: rotation takes a deploy. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final byte[] CHALLENGE = "fanout check-secret: does the key belong to the leaf?"
            .getBytes(StandardCharsets.US_ASCII);

    private final InstantSource clock;

    public MtlsSecretCheck(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SecretReport check(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        List<Finding> findings = new ArrayList<>();
        if (secret.length > MAX_SECRET_BYTES) {
            findings.add(Finding.error(String.format(Locale.ROOT, "the secret is %,d bytes; Secrets Manager and"
                    + " Pipes take at most %,d", secret.length, MAX_SECRET_BYTES)));
        }
        Map<String, String> keys;
        try {
            keys = stringKeys(secret, findings);
        } catch (IOException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            findings.add(Finding.error("the secret is not a JSON object: " + why.replaceAll("\\s+", " ")));
            return new SecretReport(findings, "");
        }
        String certificate = keys.get("certificate");
        String privateKey = keys.get("privateKey");
        Optional<String> password = Optional.ofNullable(keys.get("privateKeyPassword"));
        if (certificate == null) {
            findings.add(Finding.error("the secret has no \"certificate\" key (the PEM chain, leaf first)"));
        }
        if (privateKey == null) {
            findings.add(Finding.error("the secret has no \"privateKey\" key (a PKCS#8 PEM key)"));
        }
        List<X509Certificate> chain = certificate == null ? List.of() : chain(certificate, findings);
        String keyType = chain.isEmpty() ? "RSA" : chain.get(0).getPublicKey().getAlgorithm();
        PrivateKeyReader.Result key = privateKey == null ? null : PrivateKeyReader.read(privateKey, password, keyType);
        if (key != null) {
            findings.addAll(key.findings());
            if (key.key().isPresent() && !chain.isEmpty() && !belongsTo(key.key().get(), chain.get(0).getPublicKey())) {
                findings.add(Finding.error("privateKey does not belong to the first certificate ("
                        + subject(chain.get(0)) + "): the leaf must come first and match the key"));
            }
        }
        String summary = chain.isEmpty() || key == null ? "" : String.format(Locale.ROOT,
                "chain of %d certificate%s, leaf %s valid until %s; key %s %s", chain.size(),
                chain.size() == 1 ? "" : "s", subject(chain.get(0)), DAY.format(chain.get(0).getNotAfter().toInstant()),
                key.key().map(PrivateKey::getAlgorithm).orElse("?"), key.storage());
        return new SecretReport(findings, summary);
    }

    /** The string-valued top-level keys; other shapes are findings. */
    private static Map<String, String> stringKeys(byte[] secret, List<Finding> findings) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(secret)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the document does not start with '{'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "certificate", "privateKey", "privateKeyPassword" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            keys.put(name, parser.getText());
                        } else {
                            findings.add(Finding.error("\"" + name + "\" must be a string"));
                        }
                    }
                    default -> findings.add(Finding.warning("unknown key \"" + name + "\": Pipes reads only"
                            + " certificate, privateKey and privateKeyPassword"));
                }
                parser.skipChildren();
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IOException("content after the object");
            }
        }
        return keys;
    }

    private List<X509Certificate> chain(String pem, List<Finding> findings) {
        List<PemBlock> blocks = PemBlock.parse(pem);
        if (PemBlock.hasUnclosedBlock(pem)) {
            findings.add(Finding.error("certificate has a BEGIN line without its END line (or the reverse)"));
        }
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK reads X.509", e);
        }
        for (PemBlock block : blocks) {
            int number = chain.size() + 1;
            if (!block.type().equals("CERTIFICATE")) {
                findings.add(Finding.error("certificate holds a " + block.type() + " block; only CERTIFICATE blocks"
                        + " belong there"));
                continue;
            }
            if (!block.atLineStart()) {
                findings.add(Finding.error("certificate " + number + " does not start on a new line"));
            }
            try {
                if (block.der() == null) {
                    throw new CertificateException("not base64");
                }
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                findings.add(Finding.error("certificate " + number + " is not a readable X.509 certificate"));
                return List.of();
            }
        }
        if (chain.isEmpty() && blocks.isEmpty()) {
            findings.add(Finding.error("certificate holds no -----BEGIN CERTIFICATE----- block"));
        }
        order(chain, findings);
        validity(chain, findings);
        return chain;
    }

    /** Leaf first, then intermediates, then the root: each certificate issued (and signed) by the next. */
    private static void order(List<X509Certificate> chain, List<Finding> findings) {
        boolean reversed = chain.size() > 1;
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (!issuedBy(cert, next)) {
                findings.add(Finding.error("certificate " + (i + 1) + " (" + subject(cert) + ") is not issued by"
                        + " certificate " + (i + 2) + " (" + subject(next) + "); the chain must go leaf first, then"
                        + " intermediates, then the root"));
            }
            reversed &= issuedBy(next, cert);
        }
        if (reversed) {
            findings.add(Finding.error("the chain is in reverse order (root first): put the client certificate"
                    + " first"));
        }
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void validity(List<X509Certificate> chain, List<Finding> findings) {
        Instant now = clock.instant();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            Instant notAfter = cert.getNotAfter().toInstant();
            Instant notBefore = cert.getNotBefore().toInstant();
            String which = "certificate " + (i + 1) + " (" + subject(cert) + ")";
            if (notAfter.isBefore(now)) {
                findings.add(Finding.error(which + " expired on " + DAY.format(notAfter)));
            } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
                long days = Duration.between(now, notAfter).toDays();
                findings.add(Finding.warning(which + " expires on " + DAY.format(notAfter) + ", in " + days
                        + (days == 1 ? " day" : " days") + ": rotate it before then"));
            }
            if (notBefore.isAfter(now)) {
                findings.add(Finding.error(which + " is not valid before " + DAY.format(notBefore)));
            }
        }
    }

    /** Whether {@code key} signs what {@code leaf} verifies: the one test that works for every key type. */
    private static boolean belongsTo(PrivateKey key, PublicKey leaf) {
        if (!key.getAlgorithm().equals(leaf.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm();
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }
}
