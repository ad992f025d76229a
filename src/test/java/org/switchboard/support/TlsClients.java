package org.switchboard.support;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** JDK SSLSocket clients for tests, trusting one certificate only and checking the host name. */
public final class TlsClients {
    private TlsClients() {
    }

    public static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A signed-out client of 127.0.0.1:{@code port}, handshaken with {@code protocol}, trusting {@code trusted}. */
    public static LineClient connect(int port, X509Certificate trusted, String protocol) throws Exception {
        return new LineClient(socket(port, trusted, protocol));
    }

    /** A client context that trusts {@code trusted} and nothing else. */
    public static SSLContext context(X509Certificate trusted) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust(trusted).getTrustManagers(), null);
        return context;
    }

    /** Trust in {@code trusted} and nothing else, for clients that take a factory (KittehIRCClientLib). */
    public static TrustManagerFactory trust(X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        return trust;
    }

    /** A handshaken socket to 127.0.0.1:{@code port} with {@code protocol}, trusting {@code trusted}, host name checked. */
    public static SSLSocket socket(int port, X509Certificate trusted, String protocol) throws Exception {
        SSLSocket socket = (SSLSocket) context(trusted).getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setEnabledProtocols(new String[] {protocol});
        var parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name (here 127.0.0.1) is checked
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    public static LineClient connect(int port, X509Certificate trusted) throws Exception {
        return connect(port, trusted, "TLSv1.3");
    }
}
