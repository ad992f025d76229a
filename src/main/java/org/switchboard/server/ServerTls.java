package org.switchboard.server;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.switchboard.log.ActivityLog;

/**
 * The server's TLS: the certificate in service, loaded (or made) at the first start, reloaded by
 * {@code reload-tls} or by itself when its files change, while connections already open keep theirs.
 * One certificate for every TLS endpoint (the line protocol's and IRC's). Absent (every call a no-op,
 * {@link #fingerprint} null) when the server has no TLS endpoint.
 *
 * <p>Threads: {@link #load}, {@link #watch} and {@link #unwatch} under the lifecycle lock; the watch on
 * the server's scheduler; {@link #engine} on acceptor threads, {@link #over} on a refusal's thread;
 * {@link #reload} on the operator's thread.
 */
final class ServerTls {
    /** How often the certificate's files are looked at for a renewal (Let's Encrypt renews every 60-90 days). */
    private static final long WATCH_SECONDS = 2;

    private final ServerConfig config;
    private final ActivityLog log;
    private volatile TlsContext context;
    private ScheduledFuture<?> watch;

    ServerTls(ServerConfig config, ActivityLog log) {
        this.config = config;
        this.log = log;
    }

    /** The certificate, made or read at the first start; a failure stops the start with the file and why. */
    void load() throws TlsException {
        if (context == null && config.anyTls()) {
            context = TlsContext.load(config.tls());
        }
    }

    /** Running: logs the certificate in service and looks at its files every few seconds. */
    void watch(ScheduledExecutorService scheduler) {
        TlsContext current = context;
        if (current == null) {
            return;
        }
        TlsCredentials in = current.credentials();
        log.info("TLS certificate " + in.fingerprint() + " (" + current.files().describe() + ", valid until "
                + in.notAfter() + ")");
        watch = scheduler.scheduleWithFixedDelay(this::reloadIfChanged, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
    }

    /** Stopping: no more looks at the files. */
    void unwatch() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
    }

    /** A server-side engine for a new connection, with the certificate in service now. */
    SSLEngine engine() {
        return context.engine();
    }

    /** A server-side TLS socket over an accepted, blocking one, with the certificate in service now. */
    SSLSocket over(Socket plain) throws IOException {
        return context.over(plain);
    }

    /** The fingerprint of the certificate in service; null without TLS or before the first start. */
    String fingerprint() {
        TlsContext current = context;
        return current == null ? null : current.credentials().fingerprint();
    }

    /**
     * Loads the certificate's files again and puts the new certificate in service; a new one that does
     * not load or check out is refused and the old one stays.
     *
     * @return the fingerprint now in service
     * @throws TlsException why the new certificate was refused (the old one still serves)
     * @throws IllegalStateException when the server has no TLS endpoint or has not started yet
     */
    String reload() throws TlsException {
        TlsContext current = context;
        if (current == null) {
            throw new IllegalStateException(config.anyTls() ? "TLS starts with the server"
                    : "TLS is off (--tls-port off, --irc-tls-port off)");
        }
        try {
            String fingerprint = current.reload().fingerprint();
            log.info("TLS certificate reloaded: " + fingerprint);
            return fingerprint;
        } catch (TlsException e) {
            log.error("TLS certificate not reloaded, the old one stays in service: " + e.getMessage());
            throw e;
        }
    }

    /** On the scheduler: a certificate renewed on disk is put in service without a command. */
    private void reloadIfChanged() {
        TlsContext current = context;
        if (current == null || !current.changedSinceLastLook()) {
            return;
        }
        try {
            reload();
        } catch (TlsException | RuntimeException e) {
            // logged by reload; the old certificate serves on, and the next change is tried again
        }
    }
}
