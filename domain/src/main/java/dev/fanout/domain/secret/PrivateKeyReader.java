package dev.fanout.domain.secret;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the secret's {@code privateKey} as Pipes does (EventBridge Pipes user guide, mTLS for Kafka sources): PKCS#8, unencrypted or encrypted
 * with a PBES1 scheme and {@code privateKeyPassword}. Each problem becomes a finding.
 */
final class PrivateKeyReader {

    /** Re-encrypting with a PBES1 scheme, or leaving the key unencrypted, are the two fixes. */
    static final String PBES1_FIX = "openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in key.pem -out key-pbes1.pem";
    static final String UNENCRYPTED_FIX = "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";

    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "Ed25519", "Ed448", "DSA");

    /** The key, when it could be read; what was wrong either way; how it was stored. */
    record Result(Optional<PrivateKey> key, List<Finding> findings, String storage) {
    }

    private PrivateKeyReader() {
    }

    static Result read(String pem, Optional<String> password, String preferredType) {
        List<Finding> findings = new ArrayList<>();
        List<PemBlock> blocks = PemBlock.parse(pem);
        if (blocks.isEmpty()) {
            findings.add(Finding.error("privateKey holds no PEM block: expected -----BEGIN PRIVATE KEY----- or"
                    + " -----BEGIN ENCRYPTED PRIVATE KEY-----"));
            return new Result(Optional.empty(), findings, "none");
        }
        if (blocks.size() > 1) {
            findings.add(Finding.error("privateKey holds " + blocks.size() + " PEM blocks; it must hold exactly one"
                    + " key"));
        }
        PemBlock block = blocks.get(0);
        switch (block.type()) {
            case "PRIVATE KEY" -> {
                password.ifPresent(p -> findings.add(Finding.warning("privateKeyPassword is set but privateKey is"
                        + " not encrypted; Pipes expects the password only with an ENCRYPTED PRIVATE KEY")));
                return decoded(block, findings, preferredType, "PKCS#8, unencrypted");
            }
            case "ENCRYPTED PRIVATE KEY" -> {
                return encrypted(block, password, findings, preferredType);
            }
            case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY" -> {
                String how = block.encapsulated() ? " (OpenSSL's legacy encryption)" : "";
                findings.add(Finding.error("privateKey is a " + block.type() + " block" + how + ", not PKCS#8; Pipes"
                        + " needs BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY: " + UNENCRYPTED_FIX));
                return new Result(Optional.empty(), findings, block.type());
            }
            default -> {
                findings.add(Finding.error("privateKey is a " + block.type() + " block, not a private key"));
                return new Result(Optional.empty(), findings, block.type());
            }
        }
    }

    private static Result encrypted(PemBlock block, Optional<String> password, List<Finding> findings,
                                    String preferredType) {
        if (block.der() == null) {
            findings.add(Finding.error("privateKey's PEM body is not base64"));
            return new Result(Optional.empty(), findings, "PKCS#8, encrypted");
        }
        EncryptionAlgorithm algorithm;
        try {
            algorithm = EncryptionAlgorithm.of(block.der());
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("privateKey is not a PKCS#8 EncryptedPrivateKeyInfo: " + e.getMessage()));
            return new Result(Optional.empty(), findings, "PKCS#8, encrypted");
        }
        String storage = "PKCS#8, encrypted with " + algorithm.displayName();
        if (algorithm.isPbes2()) {
            findings.add(Finding.error("privateKey is encrypted with PBES2 (OID " + EncryptionAlgorithm.PBES2
                    + ", openssl's default), which EventBridge Pipes does not support (Kafka clients do, so a"
                    + " working publish proves nothing); re-encrypt it with PBES1: " + PBES1_FIX
                    + " (or store it unencrypted: " + UNENCRYPTED_FIX + ")"));
            return new Result(Optional.empty(), findings, storage);
        }
        if (!algorithm.isPbes1()) {
            findings.add(Finding.error("privateKey is encrypted with an unknown scheme (OID " + algorithm.oid()
                    + "); Pipes accepts PBES1 only: " + PBES1_FIX));
            return new Result(Optional.empty(), findings, storage);
        }
        if (password.isEmpty()) {
            findings.add(Finding.error("privateKey is encrypted but privateKeyPassword is missing"));
            return new Result(Optional.empty(), findings, storage);
        }
        Optional<String> cipherName = algorithm.jdkCipher();
        if (cipherName.isEmpty()) {
            findings.add(Finding.warning("privateKey is encrypted with " + algorithm.displayName() + " (PBES1, which"
                    + " Pipes accepts) but this check cannot decrypt it, so the password and the key's match with"
                    + " the certificate were not checked"));
            return new Result(Optional.empty(), findings, storage);
        }
        byte[] pkcs8;
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(block.der());
            SecretKeyFactory factory = SecretKeyFactory.getInstance(cipherName.get());
            Cipher cipher = Cipher.getInstance(cipherName.get());
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.get().toCharArray())),
                    info.getAlgParameters());
            pkcs8 = cipher.doFinal(info.getEncryptedData());
        } catch (GeneralSecurityException | IOException e) {
            findings.add(Finding.error("privateKeyPassword does not decrypt privateKey (" + algorithm.displayName()
                    + ")"));
            return new Result(Optional.empty(), findings, storage);
        }
        Result inner = decoded(new PemBlock("PRIVATE KEY", pkcs8, true, false), findings, preferredType, storage);
        if (inner.key().isEmpty()) {
            // PBE with a wrong password often "succeeds" with garbage; the garbage is then no key.
            findings.removeLast();
            findings.add(Finding.error("privateKeyPassword does not decrypt privateKey (" + algorithm.displayName()
                    + ")"));
        }
        return inner;
    }

    private static Result decoded(PemBlock block, List<Finding> findings, String preferredType, String storage) {
        if (block.der() == null) {
            findings.add(Finding.error("privateKey's PEM body is not base64"));
            return new Result(Optional.empty(), findings, storage);
        }
        List<String> types = new ArrayList<>();
        types.add(preferredType);
        KEY_TYPES.stream().filter(t -> !t.equals(preferredType)).forEach(types::add);
        for (String type : types) {
            try {
                PrivateKey key = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
                return new Result(Optional.of(key), findings, storage);
            } catch (GeneralSecurityException | RuntimeException e) {
                // Not this key type; the next one is tried.
            }
        }
        findings.add(Finding.error("privateKey is not a readable PKCS#8 private key (RSA, EC, EdDSA or DSA)"));
        return new Result(Optional.empty(), findings, storage);
    }
}
