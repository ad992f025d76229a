package org.switchboard.server;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.chat.Member;
import org.switchboard.protocol.LineReader;
import org.switchboard.protocol.LineTooLongException;
import org.switchboard.protocol.Protocol;
import org.switchboard.protocol.Sanitizer;

/**
 * One client connection. Everything in {@link #run} runs in this client's reader thread (virtual by
 * default): it reads lines, drives the sign-in and then the chat session. Output goes through the
 * client's {@link Outbox}, whose writer thread closes the socket when it ends.
 *
 * <p>{@link #send} and {@link #disconnect} may be called from any thread.
 */
final class Connection implements Member, SignIn.Peer, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final long GRACE_MILLIS = 2_000;
    private static final int MAX_OVERLONG_LINES = 5;

    private final ChatServer server;
    private final ServerConfig config;
    private final Socket socket;
    private final String address;
    private final Outbox outbox;
    private final AtomicBoolean socketClosed = new AtomicBoolean();
    private volatile String name;
    private volatile Instant since;
    private volatile String leaveReason = "left";
    private boolean joined;
    private int overlongLines;

    Connection(ChatServer server, Socket socket) throws IOException {
        this.server = server;
        this.config = server.config();
        this.socket = socket;
        this.address = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        this.since = server.clock().instant();
        this.outbox = new Outbox(socket.getOutputStream(), config.outboxLimitBytes(), this::overflowed);
    }

    @Override
    public void run() {
        try {
            outbox.start(server.clientThreads(), this::closeSocket);
            LineReader reader = new LineReader(socket.getInputStream(), config.maxLineBytes());
            if (config.mode() == ServerMode.ECHO) {
                echo(reader);
            } else {
                chat(reader);
            }
        } catch (SocketTimeoutException e) {
            line(Protocol.ERROR_PREFIX + "Sign-in took too long. Goodbye.");
            server.log().info("Sign-in timed out for " + address);
        } catch (IOException e) {
            LOG.debug("{}: {}", address, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("unexpected error serving {}", address, e);
            server.log().error("Client " + address + ": internal error (" + e + ")");
        } finally {
            end();
        }
    }

    private void echo(LineReader reader) throws IOException {
        for (String line = next(reader); line != null; line = next(reader)) {
            send(Protocol.lineBytes(line));
        }
    }

    private void chat(LineReader reader) throws IOException {
        socket.setSoTimeout(Math.toIntExact(Math.max(1, config.signInTimeout().toMillis())));
        SignIn signIn = new SignIn(server.authenticator(), server.log(), config.minPasswordLength(), this);
        signIn.begin();
        SignIn.Outcome outcome = new SignIn.Outcome.Pending();
        while (outcome instanceof SignIn.Outcome.Pending) {
            String line = next(reader);
            if (line == null) {
                return;
            }
            outcome = signIn.onLine(Sanitizer.clean(line));
        }
        if (!(outcome instanceof SignIn.Outcome.SignedIn signedIn)) {
            return;
        }
        socket.setSoTimeout(0);
        name = signedIn.name();
        since = server.clock().instant();
        line(Protocol.welcome(name));
        signedIn.freshToken().ifPresent(token -> line(Protocol.TOKEN_PREFIX + token));
        server.room().join(this, config.historyReplay());
        joined = true;
        ChatSession session = new ChatSession(server, this);
        session.greet();
        for (String line = next(reader); line != null; line = next(reader)) {
            if (!session.onLine(Sanitizer.clean(line))) {
                return;
            }
        }
    }

    /** The next line, or null at the end; overlong lines are refused here, repeated ones disconnect. */
    private String next(LineReader reader) throws IOException {
        while (true) {
            try {
                return reader.readLine();
            } catch (LineTooLongException e) {
                if (++overlongLines >= MAX_OVERLONG_LINES) {
                    line(Protocol.ERROR_PREFIX + "Too many overlong lines. Goodbye.");
                    server.log().warn("Client " + address + " disconnected: repeated overlong lines");
                    leaveReason = "disconnected (overlong lines)";
                    return null;
                }
                line(Protocol.ERROR_PREFIX + "Line too long (the limit is " + e.limit()
                        + " bytes); it was not sent.");
            }
        }
    }

    private void end() {
        if (joined) {
            server.room().leave(this, leaveReason);
        }
        outbox.finish();
        try {
            outbox.awaitDone(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocket();
        server.connectionClosed(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Instant since() {
        return since;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void send(byte[] line) {
        outbox.offer(line);
    }

    @Override
    public void line(String text) {
        send(Protocol.lineBytes(text));
    }

    @Override
    public void prompt(String prompt) {
        send(Protocol.promptBytes(prompt));
    }

    @Override
    public void disconnect(String reason) {
        leaveReason = "disconnected: " + reason;
        line(Protocol.ERROR_PREFIX + reason);
        outbox.finish();
        server.clientThreads().newThread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeSocket();
        }).start();
    }

    /** Ends the session at once, without waiting for queued lines (server stop after its grace). */
    void abort() {
        outbox.abort();
        closeSocket();
    }

    /** Queued lines finish, then the connection closes (server stop). */
    void finish(String farewell) {
        if (farewell != null) {
            line(farewell);
        }
        leaveReason = "server stopped";
        outbox.finish();
    }

    private void overflowed() {
        leaveReason = "disconnected (not reading)";
        server.log().warn("Client " + (name != null ? name + " " : "") + address
                + " disconnected: not reading (more than " + config.outboxLimitBytes() + " bytes queued)");
        closeSocket();
    }

    private void closeSocket() {
        if (socketClosed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("{}: close: {}", address, e.toString());
            }
        }
    }
}
