package org.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.switchboard.support.TestServer.PASSWORD;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.control.Operator;
import org.switchboard.control.Reply;
import org.switchboard.log.LogEntry;
import org.switchboard.support.LineClient;
import org.switchboard.support.TestCertificates;
import org.switchboard.support.TestCertificates.KeyForm;
import org.switchboard.support.TestServer;
import org.switchboard.support.TlsClients;

/** A certificate given as PEM files, and put in service anew without a restart. */
class TlsReloadTest {
    @TempDir
    Path dir;

    private Path cert;
    private Path key;
    private X509Certificate first;
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        cert = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
        first = write(TestCertificates.make("EC"));
        server = TestServer.start(dir, c -> c.tls(new TlsFiles(cert, key, null, null, dir.resolve("tls"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reloadPutsTheNewCertificateInServiceWhileClientsFromBeforeAndAfterChat() throws Exception {
        try (LineClient before = TlsClients.connect(server.tlsPort(), first).register("alice", PASSWORD)) {
            X509Certificate second = write(TestCertificates.make("RSA"));

            Reply reply = new Operator(server).execute("reload-tls");

            assertThat(reply.ok()).isTrue();
            assertThat(reply.text()).contains(TlsCredentials.fingerprint(second));
            assertThat(server.tlsFingerprint()).isEqualTo(TlsCredentials.fingerprint(second));
            try (LineClient after = TlsClients.connect(server.tlsPort(), second).register("bob", PASSWORD)) {
                before.send("from before");
                after.awaitContaining("from before");
                after.send("from after");
                before.awaitContaining("from after");
                assertThat(((SSLSocket) after.socket()).getSession().getPeerCertificates()[0]).isEqualTo(second);
            }
            // the old certificate is no longer what new clients get
            assertThatThrownBy(() -> TlsClients.connect(server.tlsPort(), first))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aBrokenNewCertificateIsRefusedAndTheOldOneStays() throws Exception {
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");

        Reply reply = new Operator(server).execute("reload-tls");

        assertThat(reply.ok()).isFalse();
        assertThat(reply.text()).contains("not reloaded", "the old one stays", cert.toString());
        assertThat(server.tlsFingerprint()).isEqualTo(TlsCredentials.fingerprint(first));
        assertThat(server.log().tail(20)).extracting(LogEntry::message)
                .anyMatch(m -> m.startsWith("TLS certificate not reloaded"));
        try (LineClient client = TlsClients.connect(server.tlsPort(), first).register("carol", PASSWORD)) {
            client.send("/who");
            client.awaitContaining("carol");
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAndTheOldOneStays() throws Exception {
        TestCertificates.writeKey(key, TestCertificates.make("EC").keys(), KeyForm.PKCS8);

        assertThatThrownBy(server::reloadTls).isInstanceOf(TlsException.class)
                .hasMessageContaining("the key does not match the certificate");
        assertThat(server.tlsFingerprint()).isEqualTo(TlsCredentials.fingerprint(first));
    }

    @Test
    void aCertificateRenewedOnDiskIsPutInServiceByItself() throws Exception {
        X509Certificate renewed = write(TestCertificates.make("EC"));
        // a renewal is later than the start; the file system's clock may be coarse
        Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plusSeconds(5)));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> TlsCredentials.fingerprint(renewed).equals(server.tlsFingerprint()));
        // logged just after the swap, on the watch's thread
        TestServer.awaitLog(server, "TLS certificate reloaded: " + TlsCredentials.fingerprint(renewed));
    }

    @Test
    void theTlsCommandAndStatusNameThePortAndTheFingerprint() {
        Operator operator = new Operator(server);
        String fingerprint = TlsCredentials.fingerprint(first);

        assertThat(operator.execute("tls").text()).contains("TLS on port " + server.tlsPort(), fingerprint,
                cert.toString());
        assertThat(operator.execute("status").text()).contains("port " + server.port() + " (line), "
                + server.tlsPort() + " (line+TLS)", "TLS certificate " + fingerprint);
    }

    private X509Certificate write(TestCertificates.Made made) throws Exception {
        TestCertificates.writeCertificate(cert, made.certificate());
        TestCertificates.writeKey(key, made.keys(), KeyForm.PKCS8);
        return made.certificate();
    }
}
