package org.switchboard.server;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.switchboard.protocol.Fingerprints;

/**
 * A certificate chain and its private key, loaded and checked: PEM files, a PKCS12 keystore, or the
 * self-signed certificate (made here on first use). Loading checks what a client would trip over later:
 * the key matches the certificate, and the certificate is valid now. Immutable once loaded.
 *
 * <p>BouncyCastle does the two things the JDK has no public API for: building a certificate, and
 * reading PEM keys in every form (PKCS#8 and the traditional "RSA/EC PRIVATE KEY"). The keys themselves
 * are the JDK's, and so is all the cryptography of the connections.
 */
record TlsCredentials(PrivateKey key, X509Certificate[] chain, String source) {
    static final String CERT_FILE = "server.crt";
    static final String KEY_FILE = "server.key";
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(3650);

    /** Loads what {@code files} name, making the self-signed certificate when none is named and none exists. */
    static TlsCredentials load(TlsFiles files) throws TlsException {
        TlsCredentials loaded;
        if (files.certificate() != null) {
            loaded = pem(files.certificate(), files.key());
        } else if (files.keystore() != null) {
            loaded = keystore(files.keystore(), password(files));
        } else {
            loaded = selfSigned(files.selfSignedDir());
        }
        loaded.check();
        return loaded;
    }

    /** The leaf's SHA-256 fingerprint as openssl prints it: {@code SHA256:AB:CD:...}. */
    String fingerprint() {
        return fingerprint(chain[0]);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return Fingerprints.sha256(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a certificate that cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** When the leaf certificate expires. */
    Instant notAfter() {
        return chain[0].getNotAfter().toInstant();
    }

    /** An in-memory keystore of the key and chain, for the JDK's key manager. */
    KeyStore keyStore() throws TlsException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, new char[0], chain);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException(source + ": cannot be used: " + e.getMessage(), e);
        }
    }

    private void check() throws TlsException {
        X509Certificate leaf = chain[0];
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new TlsException(source + ": the certificate expired on " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new TlsException(source + ": the certificate is not valid before " + leaf.getNotBefore().toInstant());
        }
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] probe = "switchboard".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new TlsException(source + ": the key does not match the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new TlsException(source + ": the key does not match the certificate (" + e.getMessage() + ")", e);
        }
    }

    // ---- PEM ----

    static TlsCredentials pem(Path certificateFile, Path keyFile) throws TlsException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader in = Files.newBufferedReader(certificateFile, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(in)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new TlsException(certificateFile + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new TlsException(certificateFile + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return new TlsCredentials(pemKey(keyFile), chain.toArray(X509Certificate[]::new), certificateFile.toString());
    }

    private static PrivateKey pemKey(Path keyFile) throws TlsException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader in = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(in)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                switch (item) {
                    case PEMKeyPair pair -> {
                        // BEGIN RSA/EC PRIVATE KEY; the public half may be missing (it is optional in an EC key)
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info); // BEGIN PRIVATE KEY (PKCS#8)
                    }
                    case PEMEncryptedKeyPair encrypted -> throw new TlsException(keyFile
                            + ": the key is encrypted; give it unencrypted (readable by the server's user only)");
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> throw new TlsException(keyFile
                            + ": the key is encrypted; give it unencrypted (readable by the server's user only)");
                    case ASN1ObjectIdentifier curve -> {
                        // "EC PARAMETERS", which openssl ecparam writes before the key
                    }
                    default -> {
                        // a certificate in the key file: not the key
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsException(keyFile + ": not a PEM private key (" + e.getMessage() + ")", e);
        }
        throw new TlsException(keyFile + ": no private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    // ---- PKCS12 ----

    static TlsCredentials keystore(Path file, char[] password) throws TlsException {
        try (var in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    X509Certificate[] chain = java.util.Arrays.stream(store.getCertificateChain(alias))
                            .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
                    return new TlsCredentials(key, chain, file.toString());
                }
            }
        } catch (IOException e) {
            throw new TlsException(file + ": cannot read the keystore (" + e.getMessage()
                    + "; a wrong password reads as this too)", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsException(file + ": not a PKCS12 keystore (" + e.getMessage() + ")", e);
        }
        throw new TlsException(file + ": the keystore holds no private key");
    }

    private static char[] password(TlsFiles files) throws TlsException {
        if (files.keystorePasswordFile() != null) {
            try {
                List<String> lines = Files.readAllLines(files.keystorePasswordFile(), StandardCharsets.UTF_8);
                return (lines.isEmpty() ? "" : lines.getFirst()).toCharArray();
            } catch (IOException e) {
                throw new TlsException(files.keystorePasswordFile() + ": cannot read the keystore password ("
                        + e.getMessage() + ")", e);
            }
        }
        String variable = System.getenv(TlsFiles.PASSWORD_VARIABLE);
        if (variable == null) {
            throw new TlsException(files.keystore() + ": no password: give --tls-keystore-password-file FILE or set "
                    + TlsFiles.PASSWORD_VARIABLE);
        }
        return variable.toCharArray();
    }

    // ---- self-signed ----

    /** The certificate in {@code dir}, or a new one made there (the key owner-only). */
    static TlsCredentials selfSigned(Path dir) throws TlsException {
        Path certificate = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (!Files.exists(certificate) || !Files.exists(key)) {
            make(dir, certificate, key);
        }
        return pem(certificate, key);
    }

    private static void make(Path dir, Path certificateFile, Path keyFile) throws TlsException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Set<String> names = hostNames();
            X500Name subject = new X500Name("CN=" + names.iterator().next() + ",O=Switchboard");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()).abs(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(SELF_SIGNED_VALIDITY)),
                    subject, pair.getPublic());
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : names) {
                alternatives.add(new GeneralName(GeneralName.dNSName, name));
            }
            alternatives.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            alternatives.add(new GeneralName(GeneralName.iPAddress, "::1"));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Files.createDirectories(dir);
            writeKey(keyFile, pair.getPrivate());
            try (Writer out = Files.newBufferedWriter(certificateFile, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new TlsException(dir + ": cannot write the self-signed certificate (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new TlsException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 PEM, created owner-only where the file system has permissions (before a byte is in it). */
    private static void writeKey(Path keyFile, PrivateKey key) throws IOException {
        Files.deleteIfExists(keyFile);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(keyFile);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(keyFile + " appeared while it was being made", e);
        }
        try (Writer out = Files.newBufferedWriter(keyFile, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        }
    }

    /** The host's names, then localhost: the first is the certificate's common name. */
    private static Set<String> hostNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getCanonicalHostName());
        } catch (IOException e) {
            // no resolvable host name: localhost still serves
        }
        names.removeIf(name -> name.isBlank() || Character.isDigit(name.charAt(0)) || name.contains(":"));
        names.add("localhost");
        return names;
    }
}
