package org.switchboard.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.auth.IdentityStore;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.Format;
import org.switchboard.chat.Member;
import org.switchboard.chat.RoomEvent;
import org.switchboard.chat.RoomFeed;
import org.switchboard.log.ActivityLog;
import org.switchboard.protocol.LineReader;
import org.switchboard.protocol.LineTooLongException;
import org.switchboard.protocol.Protocol;

/**
 * One client connection, as one pipeline: its {@link Transport} (the bytes), the framing (a
 * {@link LineReader}: bounded lines, telnet bytes), the pacing ({@link FloodControl}), and the
 * {@link FrontEnd} of its endpoint's protocol, which turns lines into room actions. Output goes
 * through the client's {@link Outbox}, which a {@link Writers} lane writes to the transport.
 *
 * <p>Everything in {@link #run} runs in this client's reader thread (virtual by default), which parks
 * on the server's {@link ReadPoller} while nothing has come. A connection ends in one place,
 * {@link #close(CloseCause)}: the first cause wins, and the log line, the room's leave notice and the
 * client's last line all come from it. Closing lets the outbox finish, leaves the room at once, and
 * closes the transport when the outbox is written out or, for a client that does not read, after a
 * grace on the server's scheduler.
 *
 * <p>{@link #send}, {@link #close} and the {@link Member} side may be called from any thread.
 */
final class Connection implements Member, FrontEnd.Link, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    static final long GRACE_MILLIS = 2_000;
    private static final int MAX_OVERLONG_LINES = 5;

    private final Transport transport;
    private final ServerConfig config;
    private final ChatRoom room;
    private final ActivityLog log;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<Connection> onClosed;
    /** Told when the user signs in and when the connection ends (last seen; memory only, no disk write). */
    private final IdentityStore users;
    private final String address;
    /** Its endpoint's protocol, as the operator reads it ({@link Endpoint#protocolName}). */
    private final String protocol;
    private final Outbox outbox;
    private final FloodControl flood;
    private final FrontEnd frontEnd;
    private final AtomicReference<CloseCause> cause = new AtomicReference<>();
    private final long connectedNanos = System.nanoTime();
    /** When the last line came in (System.nanoTime); read by the server's deadline sweep. */
    private volatile long lastHeardNanos = connectedNanos;
    private volatile String name;
    private volatile Instant since;
    private volatile boolean signedIn;
    private volatile boolean joined;
    /** The framing; set and read on the reader thread only. */
    private LineReader reader;
    private int overlongLines;

    /**
     * A connection over {@code transport} whose protocol is made by {@code frontEnd} from its link and
     * the services; {@code onClosed} is told once, on the reader thread, when everything is closed.
     * {@code protocol} names what the client speaks, for the operator ({@code line+TLS}).
     */
    Connection(Transport transport, FrontEnd.Services services, Writers.Lane lane, ScheduledExecutorService scheduler,
            FrontEndFactory frontEnd, String protocol, Consumer<Connection> onClosed) {
        this.transport = transport;
        this.config = services.config();
        this.room = services.room();
        this.log = services.log();
        this.scheduler = scheduler;
        this.clock = services.clock();
        this.onClosed = onClosed;
        this.users = services.authenticator().store();
        this.address = describe(transport.remote());
        this.protocol = protocol;
        this.since = services.clock().instant();
        this.flood = new FloodControl(config.flood(), System::nanoTime);
        this.outbox = new Outbox(transport.output(), config.outboxLimitBytes(),
                () -> close(new CloseCause.NotReading(config.outboxLimitBytes())), lane, transport::close);
        this.frontEnd = frontEnd.create(this, services);
    }

    /** Makes the front-end of a connection (one per protocol). */
    @FunctionalInterface
    interface FrontEndFactory {
        FrontEnd create(FrontEnd.Link link, FrontEnd.Services services);
    }

    @Override
    public void run() {
        CloseCause ending = CloseCause.LEFT;
        try {
            reader = new LineReader(transport.input(), frontEnd.lineLimit(config.maxLineBytes()), frontEnd.negotiation());
            frontEnd.begin();
            for (String line = next(); line != null; line = next()) {
                if (!frontEnd.onLine(line)) {
                    break;
                }
            }
        } catch (TransportRefusal e) {
            ending = new CloseCause.Refused(e.getMessage(), e.hint());
        } catch (IOException e) {
            LOG.debug("{}: {}", address, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("unexpected error serving {}", address, e);
            ending = new CloseCause.Failed(e);
        } finally {
            close(ending);
            try {
                outbox.awaitDone(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            transport.close();
            onClosed.accept(this);
        }
    }

    /**
     * The next line, or null at the end; overlong lines are refused here, repeated ones close the
     * connection, and the flood control paces the rest.
     */
    private String next() throws IOException {
        while (cause.get() == null) {
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
                    close(new CloseCause.OverlongLines());
                    return null;
                }
                send(frontEnd.lineTooLong(e.limit()));
            }
        }
        return null;
    }

    /** Holds a line back as the flood control says; false when the connection is to close. */
    private boolean paced() throws InterruptedIOException {
        FloodControl.Decision decision = flood.admit();
        switch (decision.action()) {
            case PASS -> {
                return true;
            }
            case DISCONNECT -> {
                close(new CloseCause.Flooding());
                return false;
            }
            case WARN -> {
                line(Protocol.ERROR_PREFIX + "You are sending too fast (at most " + config.flood().ratePerSecond()
                        + " lines a second); slow down or you will be disconnected.");
                log.warn("Client " + who() + " warned: flooding");
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
     * Runs on the server's scheduler: closes a client that has not signed in within the sign-in
     * timeout (a total deadline, so a byte now and then does not keep it alive), or a signed-in one
     * silent for longer than the idle timeout, when there is one.
     */
    void checkDeadlines(long now) {
        if (cause.get() != null) {
            return;
        }
        if (!signedIn) {
            if (now - connectedNanos > config.signInTimeout().toNanos()) {
                close(new CloseCause.SignInTimeout());
            }
        } else if (!config.idleTimeout().isZero() && now - lastHeardNanos > config.idleTimeout().toNanos()) {
            close(new CloseCause.Idle(config.idleTimeout()));
        }
    }

    /** Whether the connection is ending: a cause has been given (its client may still be reading). */
    boolean closing() {
        return cause.get() != null;
    }

    /**
     * Ends the connection, from any thread; the first cause wins and later ones do nothing. The client
     * is told (where the cause says something), the user leaves the room at once (whoever kicked sees
     * them gone when this returns), queued lines go out, and then the transport closes: when the
     * outbox is written out, or after a grace for a client that does not read.
     */
    @Override
    public void close(CloseCause closing) {
        if (!cause.compareAndSet(null, closing)) {
            return;
        }
        CloseCause.Logged logged = closing.logged(who());
        if (logged != null) {
            log.add(logged.level(), logged.message());
        }
        byte[] farewell = frontEnd.farewell(closing);
        if (farewell != null) {
            send(farewell);
        }
        outbox.finish();
        if (signedIn && name != null) { // echo mode's clients are let in without a name
            users.seen(name, clock.instant());
        }
        if (joined) {
            // a no-op for a session a newer one has replaced
            room.leave(this, closing.leaveReason());
        }
        if (closing instanceof CloseCause.NotReading) {
            transport.close();
            return;
        }
        try {
            scheduler.schedule(transport::close, GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            transport.close(); // the server is past stopping: no grace left to give
        }
    }

    /** Ends the session at once, without waiting for queued lines (server stop after its grace). */
    void abort() {
        outbox.abort();
        transport.close();
    }

    private String who() {
        return (name != null ? name + " " : "") + address;
    }

    // ---- the link: what the front-end sees ----

    @Override
    public Member member() {
        return this;
    }

    @Override
    public void send(byte[] bytes) {
        outbox.offer(bytes);
    }

    /** The server's word about the connection, in the client's protocol. */
    void line(String text) {
        send(frontEnd.complaint(text));
    }

    @Override
    public String transportNotice(String tlsClient) {
        return transport.notice(tlsClient);
    }

    @Override
    public boolean speaksTelnet() {
        return reader != null && reader.sawTelnet();
    }

    @Override
    public void signedIn(String user) {
        name = user;
        since = clock.instant();
        signedIn = true;
        if (user != null) {
            users.seen(user, since);
        }
    }

    // ---- the member: what the room sees ----

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

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public Format format() {
        return frontEnd.format();
    }

    @Override
    public void send(RoomEvent event) {
        byte[] bytes = frontEnd.render(event);
        if (bytes.length > 0) {
            outbox.offer(bytes);
        }
    }

    @Override
    public void disconnect(String reason) {
        close(new CloseCause.Told(reason));
    }

    @Override
    public void joinedFeed(RoomFeed feed, int format) {
        joined = true;
        outbox.subscribe(feed, this, format, frontEnd::fromFeed);
    }

    @Override
    public void leftFeed() {
        outbox.unsubscribe();
    }

    // ---- for the server ----

    InetAddress inetAddress() {
        return transport.remote().getAddress();
    }

    /** The transport (tests look at the socket of a plain one). */
    Transport transport() {
        return transport;
    }

    /** A peer's address as the log writes it: {@code 127.0.0.1:54964}. */
    static String describe(InetSocketAddress remote) {
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
