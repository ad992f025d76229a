package org.switchboard.server;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

/**
 * The server side of TLS: the certificate in service and the engines made from it. {@link #reload}
 * loads the files again and puts the new certificate in service only when it loads and checks out;
 * connections already open keep the one they began with.
 *
 * <p>Threads: {@link #engine} on the acceptor threads, {@link #reload} on whichever thread the operator's
 * command runs on; the certificate in service is swapped in one volatile write.
 */
final class TlsContext {
    /** TLS 1.2 and 1.3 only: older versions have known weaknesses, and 1.3 has no renegotiation at all. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private record InService(SSLContext context, TlsCredentials credentials) { }

    private final TlsFiles files;
    private volatile InService current;
    /** The files' times and sizes at the last load or attempt (the watch's thread, and reload). */
    private volatile List<String> stamps;

    private TlsContext(TlsFiles files, InService first) {
        this.files = files;
        this.current = first;
        this.stamps = stamps(files);
    }

    /**
     * Whether a file has changed since the last load or attempt; the change counts as seen. A renewal
     * that writes the certificate and then the key is seen as two changes: the first may be refused
     * (the key does not match yet), the second loads.
     */
    boolean changedSinceLastLook() {
        List<String> now = stamps(files);
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        return true;
    }

    private static List<String> stamps(TlsFiles files) {
        return Stream.of(files.certificate(), files.key(), files.keystore(), files.keystorePasswordFile())
                .filter(Objects::nonNull)
                .map(TlsContext::stamp)
                .toList();
    }

    /** A file's time and size, following links (Let's Encrypt's live/ files are links into archive/). */
    private static String stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }

    /** Loads the certificate {@code files} name (making the self-signed one if need be). */
    static TlsContext load(TlsFiles files) throws TlsException {
        return new TlsContext(files, inService(TlsCredentials.load(files)));
    }

    /** Loads the files again; on any error the certificate in service stays and the error is thrown. */
    TlsCredentials reload() throws TlsException {
        stamps = stamps(files);
        InService next = inService(TlsCredentials.load(files));
        current = next;
        return next.credentials();
    }

    TlsCredentials credentials() {
        return current.credentials();
    }

    TlsFiles files() {
        return files;
    }

    /** A server-side engine for one new connection, TLS 1.2/1.3 with the JDK's default cipher suites. */
    SSLEngine engine() {
        SSLEngine engine = current.context().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(enabled(engine.getSupportedProtocols()));
        return engine;
    }

    /**
     * A server-side TLS socket over an accepted, blocking one (closing it closes that one), for a short
     * exchange outside the pipeline: telling a refused client why.
     */
    SSLSocket over(Socket plain) throws IOException {
        SSLSocket socket = (SSLSocket) current.context().getSocketFactory()
                .createSocket(plain, null, plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(enabled(socket.getSupportedProtocols()));
        return socket;
    }

    private static String[] enabled(String[] supported) {
        return Arrays.stream(supported).filter(PROTOCOLS::contains).toArray(String[]::new);
    }

    private static InService inService(TlsCredentials credentials) throws TlsException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(credentials.keyStore(), new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new InService(context, credentials);
        } catch (GeneralSecurityException e) {
            throw new TlsException(credentials.source() + ": cannot be used for TLS: " + e.getMessage(), e);
        }
    }
}
