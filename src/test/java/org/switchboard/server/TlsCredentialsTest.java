package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.switchboard.support.TestCertificates;
import org.switchboard.support.TestCertificates.KeyForm;

/** Loading the certificate's files: PEM of both key kinds and forms, PKCS12, and what is refused. */
class TlsCredentialsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8", "RSA, TRADITIONAL", "EC, PKCS8", "EC, TRADITIONAL"})
    void pemCertificateAndKeyLoad(String algorithm, KeyForm form) throws Exception {
        TestCertificates.Made made = "EC".equals(algorithm) && form == KeyForm.TRADITIONAL
                ? TestCertificates.make(TestCertificates.opensslEcKeys()) : TestCertificates.make(algorithm);
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        TestCertificates.writeCertificate(cert, made.certificate());
        TestCertificates.writeKey(key, made.keys(), form);
        assertThat(Files.readString(key)).contains(form == KeyForm.PKCS8 ? "BEGIN PRIVATE KEY"
                : "BEGIN " + algorithm + " PRIVATE KEY");

        TlsCredentials loaded = TlsCredentials.load(new TlsFiles(cert, key, null, null, dir));

        assertThat(loaded.key().getAlgorithm()).isEqualTo(algorithm);
        assertThat(loaded.fingerprint()).isEqualTo(TlsCredentials.fingerprint(made.certificate()));
    }

    @Test
    void aPkcs12KeystoreLoadsWithThePasswordFromItsFile() throws Exception {
        TestCertificates.Made made = TestCertificates.make("EC");
        Path store = dir.resolve("server.p12");
        TestCertificates.writeKeystore(store, made, "s3cret pass");
        Path password = Files.writeString(dir.resolve("password"), "s3cret pass\n");

        TlsCredentials loaded = TlsCredentials.load(new TlsFiles(null, null, store, password, dir));

        assertThat(loaded.fingerprint()).isEqualTo(TlsCredentials.fingerprint(made.certificate()));
    }

    @Test
    void aWrongKeystorePasswordIsAClearError() throws Exception {
        Path store = dir.resolve("server.p12");
        TestCertificates.writeKeystore(store, TestCertificates.make("EC"), "right");
        Path password = Files.writeString(dir.resolve("password"), "wrong\n");

        assertThatThrownBy(() -> TlsCredentials.load(new TlsFiles(null, null, store, password, dir)))
                .isInstanceOf(TlsException.class).hasMessageContaining("server.p12")
                .hasMessageContaining("password");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestCertificates.writeCertificate(cert, TestCertificates.make("EC").certificate());
        TestCertificates.writeKey(key, TestCertificates.make("EC").keys(), KeyForm.PKCS8);

        assertThatThrownBy(() -> TlsCredentials.load(new TlsFiles(cert, key, null, null, dir)))
                .isInstanceOf(TlsException.class).hasMessageContaining("the key does not match the certificate");
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Made made = TestCertificates.make("RSA", now.minus(Duration.ofDays(100)),
                now.minus(Duration.ofDays(10)));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestCertificates.writeCertificate(cert, made.certificate());
        TestCertificates.writeKey(key, made.keys(), KeyForm.TRADITIONAL);

        assertThatThrownBy(() -> TlsCredentials.load(new TlsFiles(cert, key, null, null, dir)))
                .isInstanceOf(TlsException.class).hasMessageContaining("expired");
    }

    @Test
    void aFileThatIsNotPemIsAClearError() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "hello\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "hello\n");

        assertThatThrownBy(() -> TlsCredentials.load(new TlsFiles(cert, key, null, null, dir)))
                .isInstanceOf(TlsException.class).hasMessageContaining("cert.pem").hasMessageContaining("no certificate");
    }

    @Test
    void aMissingFileIsAClearError() {
        Path cert = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsCredentials.load(new TlsFiles(cert, cert, null, null, dir)))
                .isInstanceOf(TlsException.class).hasMessageContaining("missing.pem");
    }
}
