package org.switchboard.console;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.switchboard.protocol.Fingerprints;

/**
 * Whom the client trusts over TLS: a fingerprint pinned with {@code --fingerprint}; else a chain the
 * system's trust store vouches for, for the host name connected to; else (a self-signed server) the
 * fingerprint remembered in {@link KnownServers}, or, the first time, the person at the keyboard, as
 * ssh asks. A changed fingerprint is refused loudly; with input from a pipe nothing is asked.
 *
 * <p>Threads: the client's main thread, in the handshake.
 */
final class ServerTrust extends X509ExtendedTrustManager {
    private final String server;
    private final String pinned;
    private final KnownServers known;
    private final Keyboard keyboard;
    private final X509ExtendedTrustManager system;
    /** What the person is told when the certificate was refused; null until then. */
    private String refusal;

    /**
     * @param server "host:port", as the known servers file names it
     * @param pinned the fingerprint given with --fingerprint, or null
     */
    ServerTrust(String server, String pinned, KnownServers known, Keyboard keyboard) throws GeneralSecurityException {
        this.server = server;
        this.pinned = pinned;
        this.known = known;
        this.keyboard = keyboard;
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509ExtendedTrustManager found = null;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                found = extended;
            }
        }
        this.system = found;
    }

    /** A client context that trusts as this does. */
    SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {this}, null);
        return context;
    }

    /** Why the certificate was refused, to tell the person; null when it was not. */
    String refusal() {
        return refusal;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String fingerprint = Fingerprints.sha256(chain[0].getEncoded());
        if (pinned != null) {
            if (pinned.equals(fingerprint)) {
                return;
            }
            throw refuse("The certificate of " + server + " has the fingerprint " + fingerprint
                    + ", not the one given with --fingerprint (" + pinned + "). Not connected.");
        }
        try {
            if (system != null) {
                system.checkServerTrusted(chain, authType, socket);
                return;
            }
        } catch (CertificateException e) {
            // not vouched for by an authority (self-signed, or not for this name): the known servers say
        }
        checkKnown(fingerprint);
    }

    private void checkKnown(String fingerprint) throws CertificateException {
        KnownServers.Entry entry;
        try {
            entry = known.find(server);
        } catch (IOException e) {
            throw refuse("Cannot read " + known.file() + ": " + e.getMessage());
        }
        if (entry != null) {
            if (entry.fingerprint().equals(fingerprint)) {
                return;
            }
            throw refuse(String.join(System.lineSeparator(),
                    "@@@ WARNING: THE CERTIFICATE OF " + server.toUpperCase(Locale.ROOT) + " HAS CHANGED! @@@",
                    "Someone may be listening in (a man in the middle), or the server has a new certificate.",
                    "Remembered: " + entry.fingerprint(),
                    "Now:        " + fingerprint,
                    "Not connected. If the server's operator confirms the new fingerprint (its 'tls' command),",
                    "delete line " + entry.line() + " of " + known.file() + " and connect again."));
        }
        if (!keyboard.interactive()) {
            throw refuse("No authority vouches for the certificate of " + server + " (self-signed?), fingerprint "
                    + fingerprint + ". With input from a pipe nothing is asked: check the fingerprint with the"
                    + " server's operator and give it with --fingerprint.");
        }
        keyboard.printAbove("No authority vouches for the certificate of " + server + " (self-signed?).");
        keyboard.printAbove("Its fingerprint is " + fingerprint);
        keyboard.printAbove("Compare it with what the server's operator sees (the 'tls' command, or the start output).");
        String answer = keyboard.answer("Trust it and remember it? (yes/no) ", false);
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
            throw refuse("Not trusted; not connected.");
        }
        try {
            known.add(server, fingerprint);
        } catch (IOException e) {
            throw refuse("Cannot remember it in " + known.file() + ": " + e.getMessage());
        }
        keyboard.printAbove("Remembered in " + known.file() + ".");
    }

    private CertificateException refuse(String message) {
        refusal = message;
        return new CertificateException(message);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType, (Socket) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerTrusted(chain, authType, (Socket) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system == null ? new X509Certificate[0] : system.getAcceptedIssuers();
    }
}
