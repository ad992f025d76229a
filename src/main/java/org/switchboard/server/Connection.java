package org.switchboard.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
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
 * default): it reads lines, drives the sign-in and then the chat session, waiting on the server's
 * {@link ReadPoller} when there is nothing to read. Output goes through the client's {@link Outbox},
 * which one of the server's {@link Writers} lanes writes out; the socket closes when the outbox ends.
 *
 * <p>{@link #send} and {@link #disconnect} may be called from any thread.
 */
final class Connection implements Member, SignIn.Peer, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final long GRACE_MILLIS = 2_000;
    private static final int MAX_OVERLONG_LINES = 5;

    private final ChatServer server;
    private final ServerConfig config;
    private final SocketChannel channel;
    private final ReadPoller.Input input;
    private final InetAddress inetAddress;
    private final String address;
    private final Outbox outbox;
    private final AtomicBoolean socketClosed = new AtomicBoolean();
    private volatile String name;
    private volatile Instant since;
    private volatile String leaveReason = "left";
    private final FloodControl flood;
    private final long connectedNanos = System.nanoTime();
    /** When the last line came in (System.nanoTime); read by the server's deadline sweep. */
    private volatile long lastHeardNanos = connectedNanos;
    private volatile boolean signedIn;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private volatile boolean joined;
    private int overlongLines;
    /** The client's codec; set and read on the reader thread only. */
    private LineReader reader;
    /** A telnet client was told the server echoes (so it does not) and the password is still to come. */
    private boolean echoHidden;
    /** Telnet options the client asked for and was refused, each once (reader thread). */
    private final BitSet refused = new BitSet(512);

    /** Takes a connected, non-blocking channel and the peer's address, as the listener found it. */
    Connection(ChatServer server, SocketChannel channel, InetSocketAddress remote) {
        this.server = server;
        this.config = server.config();
        this.channel = channel;
        this.inetAddress = remote.getAddress();
        this.address = describe(remote);
        this.input = server.readPoller().input(channel);
        this.since = server.clock().instant();
        this.flood = new FloodControl(config.flood(), System::nanoTime);
        this.outbox = new Outbox(channel, config.outboxLimitBytes(), this::overflowed,
                server.writers().nextLane(), this::closeSocket);
    }

    @Override
    public void run() {
        try {
            reader = new LineReader(input, config.maxLineBytes(), this::negotiated);
            if (config.mode() == ServerMode.ECHO) {
                signedIn = true;
                echo(reader);
            } else {
                chat(reader);
            }
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
        SignIn signIn = new SignIn(server.authenticator(), server.log(), config.minPasswordLength(), this,
                taken -> server.room().find(taken).isPresent());
        signIn.begin();
        SignIn.Outcome outcome = new SignIn.Outcome.Pending();
        while (outcome instanceof SignIn.Outcome.Pending) {
            String line = next(reader);
            if (line == null) {
                return;
            }
            showEcho();
            outcome = signIn.onLine(Sanitizer.clean(line));
        }
        if (!(outcome instanceof SignIn.Outcome.SignedIn signedIn)) {
            return;
        }
        this.signedIn = true;
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

    /**
     * The next line, or null at the end; overlong lines are refused here, repeated ones disconnect, and
     * the flood control paces the rest.
     */
    private String next(LineReader reader) throws IOException {
        while (true) {
            try {
                String line = reader.readLine();
                if (line != null) {
                    lastHeardNanos = System.nanoTime();
                    if (!paced()) {
                        return null;
                    }
                }
                return line;
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

    /** Holds a line back as the flood control says; false when the client is to be disconnected. */
    private boolean paced() throws InterruptedIOException {
        FloodControl.Decision decision = flood.admit();
        switch (decision.action()) {
            case PASS -> {
                return true;
            }
            case DISCONNECT -> {
                line(Protocol.ERROR_PREFIX + "Excess flood: too many lines too fast. Goodbye.");
                server.log().warn("Client " + who() + " disconnected: flooding");
                leaveReason = "disconnected (flooding)";
                return false;
            }
            case WARN -> {
                line(Protocol.ERROR_PREFIX + "You are sending too fast (at most " + config.flood().ratePerSecond()
                        + " lines a second); slow down or you will be disconnected.");
                server.log().warn("Client " + who() + " warned: flooding");
            }
            case DELAY -> {
                // held back below
            }
        }
        try {
            Thread.sleep(Duration.ofNanos(decision.delayNanos()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing a flood");
        }
    }

    /**
     * Runs on the server's timer thread: closes a client that has not signed in within the sign-in
     * timeout (a total deadline, so a byte now and then does not keep it alive), or a signed-in one
     * silent for longer than the idle timeout, when there is one.
     */
    void checkDeadlines(long now) {
        if (!signedIn) {
            if (now - connectedNanos > config.signInTimeout().toNanos() && timedOut.compareAndSet(false, true)) {
                server.log().info("Sign-in timed out for " + address);
                disconnect("Sign-in took too long. Goodbye.");
            }
        } else if (!config.idleTimeout().isZero() && now - lastHeardNanos > config.idleTimeout().toNanos()
                && timedOut.compareAndSet(false, true)) {
            server.log().info("Client " + who() + " idle for " + config.idleTimeout().toSeconds() + " s; closed");
            disconnect("Idle for too long. Goodbye.");
            leaveReason = "disconnected (idle)";
        }
    }

    private String who() {
        return (name != null ? name + " " : "") + address;
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

    /** A peer's address as the log writes it: {@code 127.0.0.1:54964}. */
    static String describe(InetSocketAddress remote) {
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    /** The client's channel (tests look at its options). */
    SocketChannel channel() {
        return channel;
    }

    InetAddress inetAddress() {
        return inetAddress;
    }

    /** In the room: the room's lines now come from its feed (under the room's lock). */
    void joinedFeed(RoomFeed feed) {
        outbox.subscribe(feed, this);
    }

    /** Out of the room: no more of its lines (under the room's lock). */
    void leftFeed() {
        outbox.unsubscribe();
    }

    @Override
    public void send(byte[] line) {
        outbox.offer(line);
    }

    @Override
    public void line(String text) {
        send(Protocol.lineBytes(text));
    }

    /**
     * A password prompt to a client that speaks telnet comes after IAC WILL ECHO, so that telnet stops
     * echoing what is typed (the server does not echo it either). A client that never sent telnet
     * negotiation gets no such bytes: {@code nc} would print them.
     */
    @Override
    public void prompt(String prompt) {
        if (Protocol.isSecretPrompt(prompt) && reader != null && reader.sawTelnet()) {
            if (!echoHidden) {
                send(Protocol.telnetWillEcho());
                echoHidden = true;
            }
        }
        send(Protocol.promptBytes(prompt));
    }

    /**
     * Answers a telnet client's requests: every option but ECHO (the server's own, for passwords) is
     * refused, once, as RFC 854 asks. Unanswered, inetutils telnet waits for SUPPRESS-GO-AHEAD and, at
     * the first ECHO change, leaves its line mode: CR then shows as ^M and the line does not end.
     */
    private void negotiated(int command, int option) {
        if (option == LineReader.TELNET_ECHO) {
            return;
        }
        boolean asksUs = command == LineReader.TELNET_DO;
        if ((asksUs || command == LineReader.TELNET_WILL) && !refused.get((asksUs ? 256 : 0) + option)) {
            refused.set((asksUs ? 256 : 0) + option);
            send(new byte[] {(byte) 255, (byte) (asksUs ? LineReader.TELNET_WONT : LineReader.TELNET_DONT),
                (byte) option});
        }
    }

    /**
     * After a hidden password: the line break the user's Enter did not show, and echo back on. Before
     * the sign-in's answer, which may be another password prompt that hides it again.
     */
    private void showEcho() {
        if (echoHidden) {
            echoHidden = false;
            send(Protocol.lineBytes(""));
            send(Protocol.telnetWontEcho());
        }
    }

    @Override
    public void disconnect(String reason) {
        leaveReason = "disconnected: " + reason;
        line(Protocol.ERROR_PREFIX + reason);
        outbox.finish();
        if (joined) {
            // Out of the room at once, not when the reader thread notices the closed socket: whoever
            // kicked sees the user gone when this returns. (A no-op for a session replaced by a newer one.)
            server.room().leave(this, leaveReason);
        }
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
        // the log and the panel write "NAME " + reason: "dina left: the server stopped"
        leaveReason = "left: the server stopped";
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
                input.closeChannel();
            } catch (IOException e) {
                LOG.debug("{}: close: {}", address, e.toString());
            }
        }
    }
}
