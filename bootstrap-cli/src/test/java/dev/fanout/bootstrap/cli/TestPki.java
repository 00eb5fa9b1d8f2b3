package dev.fanout.bootstrap.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates and keys made at test time (no key material lives in the repository): CAs, servers and
 * clients on P-256 keys, written as the PEM texts an operator would have, with the private key unencrypted
 * (PKCS#8), encrypted with PBES1 (PBE-SHA1-3DES, what {@code openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES} writes) or
 * with PBES2 (openssl's default).
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A certificate and its key pair. */
    record Issued(X509Certificate certificate, KeyPair keys) {

        String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String keyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** PKCS#8 encrypted with PBE-SHA1-3DES (PKCS#12 PBE, a PBES1 scheme Pipes accepts). */
        String pbes1KeyPem(String password) {
            return encrypted(keys.getPrivate(), password, "PBEWithSHA1AndDESede");
        }

        /** PKCS#8 encrypted with PBES2 (PBKDF2 + AES-256-CBC), openssl's default, which Pipes refuses. */
        String pbes2KeyPem(String password) {
            try {
                OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider()).setPassword(password.toCharArray()).build();
                return pem("ENCRYPTED PRIVATE KEY",
                        new JcaPKCS8Generator(keys.getPrivate(), encryptor).generate().getContent());
            } catch (OperatorCreationException | PemGenerationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestPki() {
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA valid from an hour ago for {@code validity}. */
    static Issued ca(String name) {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        return new Issued(build(name, keys, name, keys.getPrivate(), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(365)), true, List.of()), keys);
    }

    /** An end-entity or CA certificate that {@code issuer} signs, valid from {@code notBefore} to {@code notAfter}. */
    static Issued issue(Issued issuer, String name, boolean isCa, Instant notBefore, Instant notAfter,
                        List<String> dnsNames) {
        KeyPair keys = keyPair();
        String issuerName = issuer.certificate().getSubjectX500Principal().getName();
        return new Issued(build(name, keys, issuerName, issuer.keys().getPrivate(), notBefore, notAfter, isCa,
                dnsNames), keys);
    }

    /** An end-entity certificate valid from an hour ago for a year. */
    static Issued issue(Issued issuer, String name, List<String> dnsNames) {
        Instant now = Instant.now();
        return issue(issuer, name, false, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), dnsNames);
    }

    private static X509Certificate build(String subject, KeyPair keys, String issuer, PrivateKey signer,
                                         Instant notBefore, Instant notAfter, boolean isCa, List<String> dnsNames) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (!dnsNames.isEmpty()) {
                GeneralName[] names = dnsNames.stream()
                        .map(n -> n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n)
                                : new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String encrypted(PrivateKey key, String password, String algorithm) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                    new PBEParameterSpec(salt, 2048));
            AlgorithmParameters parameters = cipher.getParameters();
            byte[] der = new EncryptedPrivateKeyInfo(parameters, cipher.doFinal(key.getEncoded())).getEncoded();
            return pem("ENCRYPTED PRIVATE KEY", der);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
