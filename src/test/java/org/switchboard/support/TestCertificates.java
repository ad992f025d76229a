package org.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for tests, made as a certificate authority or openssl would make them. */
public final class TestCertificates {
    /** PKCS#8 ("BEGIN PRIVATE KEY") or the traditional form ("BEGIN RSA/EC PRIVATE KEY"). */
    public enum KeyForm { PKCS8, TRADITIONAL }

    public record Made(KeyPair keys, X509Certificate certificate) { }

    /**
     * An EC key as openssl writes it ({@code openssl ecparam -genkey -name prime256v1 -noout}): the
     * traditional form, with the curve and the public key inside, which the JDK's own encoding lacks.
     */
    public static final String OPENSSL_EC_KEY = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEID4HyNprg81IMPSdJLO9rLUP8yAWPCPF2A5YUf0e8T1DoAoGCCqGSM49
            AwEHoUQDQgAEr+QZlaLUj7Z7ZHBDUXDWSWFufgiHNYjfUt+u7GiQJc59yPAyDdD/
            G3luPhOUQEczUprrWpXjSLbSqSo55wLHbg==
            -----END EC PRIVATE KEY-----
            """;

    private TestCertificates() {
    }

    /** The key pair of {@link #OPENSSL_EC_KEY}. */
    public static KeyPair opensslEcKeys() throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(OPENSSL_EC_KEY))) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject());
        }
    }

    /** A certificate for localhost and 127.0.0.1 of an "RSA" or "EC" key, valid from {@code from} to {@code to}. */
    public static Made make(String algorithm, Instant from, Instant to) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize("RSA".equals(algorithm) ? 2048 : 256);
        return make(generator.generateKeyPair(), from, to);
    }

    /** A certificate of {@code keys}, valid from a minute ago for a year. */
    public static Made make(KeyPair keys) throws Exception {
        Instant now = Instant.now();
        return make(keys, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(365)));
    }

    private static Made make(KeyPair keys, Instant from, Instant to) throws Exception {
        String algorithm = keys.getPrivate().getAlgorithm();
        X500Name subject = new X500Name("CN=localhost");
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(System.nanoTime()),
                Date.from(from), Date.from(to), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        String signature = "RSA".equals(algorithm) ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        return new Made(keys, certificate);
    }

    /** Valid from a minute ago for a year. */
    public static Made make(String algorithm) throws Exception {
        Instant now = Instant.now();
        return make(algorithm, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(365)));
    }

    public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
    }

    public static void writeKey(Path file, KeyPair keys, KeyForm form) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            if (form == KeyForm.PKCS8) {
                pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
            } else if ("EC".equals(keys.getPrivate().getAlgorithm())) {
                out.write(OPENSSL_EC_KEY); // the JDK's EC encoding lacks what openssl's traditional form has
            } else {
                pem.writeObject(keys); // PKCS#1: BEGIN RSA PRIVATE KEY
            }
        }
    }

    public static void writeKeystore(Path file, Made made, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", made.keys().getPrivate(), password.toCharArray(),
                new X509Certificate[] {made.certificate()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
