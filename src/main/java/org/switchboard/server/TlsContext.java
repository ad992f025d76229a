package org.switchboard.server;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

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

    private TlsContext(TlsFiles files, InService first) {
        this.files = files;
        this.current = first;
    }

    /** Loads the certificate {@code files} name (making the self-signed one if need be). */
    static TlsContext load(TlsFiles files) throws TlsException {
        return new TlsContext(files, inService(TlsCredentials.load(files)));
    }

    /** Loads the files again; on any error the certificate in service stays and the error is thrown. */
    TlsCredentials reload() throws TlsException {
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
        String[] enabled = Arrays.stream(engine.getSupportedProtocols()).filter(PROTOCOLS::contains)
                .toArray(String[]::new);
        engine.setEnabledProtocols(enabled);
        return engine;
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
