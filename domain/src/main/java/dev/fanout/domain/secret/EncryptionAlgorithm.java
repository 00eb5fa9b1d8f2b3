package dev.fanout.domain.secret;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The password-based encryption of a PKCS#8 {@code ENCRYPTED PRIVATE KEY}, read from its DER: the
 * algorithm's OID and whether Pipes can use it (EventBridge Pipes user guide, mTLS for Kafka sources: PBES1 only, not PBES2).
 */
record EncryptionAlgorithm(String oid) {

    static final String PBES2 = "1.2.840.113549.1.5.13";

    /** PKCS#5 v1.5 (PBES1) and PKCS#12 password-based schemes, with the JDK's cipher name when it has one. */
    private static final Map<String, String> PBES1 = Map.ofEntries(
            Map.entry("1.2.840.113549.1.5.1", "pbeWithMD2AndDES-CBC"),
            Map.entry("1.2.840.113549.1.5.3", "PBEWithMD5AndDES"),
            Map.entry("1.2.840.113549.1.5.4", "pbeWithMD2AndRC2-CBC"),
            Map.entry("1.2.840.113549.1.5.6", "pbeWithMD5AndRC2-CBC"),
            Map.entry("1.2.840.113549.1.5.10", "pbeWithSHA1AndDES-CBC"),
            Map.entry("1.2.840.113549.1.5.11", "pbeWithSHA1AndRC2-CBC"),
            Map.entry("1.2.840.113549.1.12.1.1", "PBEWithSHA1AndRC4_128"),
            Map.entry("1.2.840.113549.1.12.1.2", "PBEWithSHA1AndRC4_40"),
            Map.entry("1.2.840.113549.1.12.1.3", "PBEWithSHA1AndDESede"),
            Map.entry("1.2.840.113549.1.12.1.4", "pbeWithSHAAnd2-KeyTripleDES-CBC"),
            Map.entry("1.2.840.113549.1.12.1.5", "PBEWithSHA1AndRC2_128"),
            Map.entry("1.2.840.113549.1.12.1.6", "PBEWithSHA1AndRC2_40"));

    /** The names the JDK's SunJCE provider decrypts. */
    private static final Set<String> JDK_CIPHERS = Set.of("PBEWithMD5AndDES",
            "PBEWithSHA1AndRC4_128", "PBEWithSHA1AndRC4_40", "PBEWithSHA1AndDESede", "PBEWithSHA1AndRC2_128",
            "PBEWithSHA1AndRC2_40");

    boolean isPbes2() {
        return PBES2.equals(oid);
    }

    boolean isPbes1() {
        return PBES1.containsKey(oid);
    }

    /** A name a person recognises. */
    String displayName() {
        return isPbes2() ? "PBES2" : PBES1.getOrDefault(oid, "an unknown scheme");
    }

    /** The JDK cipher that decrypts it, when the JDK has one. */
    Optional<String> jdkCipher() {
        String name = PBES1.get(oid);
        return name != null && JDK_CIPHERS.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * Reads {@code EncryptedPrivateKeyInfo ::= SEQUENCE { SEQUENCE { OID, params }, OCTET STRING }} far enough
     * to take the OID.
     *
     * @throws IllegalArgumentException when the DER is not shaped so
     */
    static EncryptionAlgorithm of(byte[] der) {
        Der outer = Der.read(der, 0, 0x30);
        Der algorithm = Der.read(der, outer.contentStart(), 0x30);
        Der oid = Der.read(der, algorithm.contentStart(), 0x06);
        return new EncryptionAlgorithm(oid.oidText(der));
    }

    /** One DER tag-length-value header. */
    private record Der(int contentStart, int length) {

        static Der read(byte[] der, int at, int expectedTag) {
            if (at + 2 > der.length || (der[at] & 0xFF) != expectedTag) {
                throw new IllegalArgumentException("not an EncryptedPrivateKeyInfo");
            }
            int first = der[at + 1] & 0xFF;
            int pos = at + 2;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7F;
                if (bytes < 1 || bytes > 3 || pos + bytes > der.length) {
                    throw new IllegalArgumentException("not an EncryptedPrivateKeyInfo");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[pos++] & 0xFF);
                }
            }
            if (pos + length > der.length) {
                throw new IllegalArgumentException("not an EncryptedPrivateKeyInfo: truncated");
            }
            return new Der(pos, length);
        }

        String oidText(byte[] der) {
            StringBuilder text = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = contentStart; i < contentStart + length; i++) {
                value = (value << 7) | (der[i] & 0x7F);
                if ((der[i] & 0x80) == 0) {
                    if (first) {
                        long top = Math.min(value / 40, 2);
                        text.append(top).append('.').append(value - top * 40);
                        first = false;
                    } else {
                        text.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return text.toString();
        }
    }
}
