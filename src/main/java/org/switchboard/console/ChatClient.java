package org.switchboard.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.net.UnknownHostException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.switchboard.protocol.ChatCommand;
import org.switchboard.protocol.Protocol;
import org.switchboard.protocol.Sanitizer;
import org.switchboard.protocol.ServerText;

/**
 * The console chat client. Signs in (answering the server's prompts, or with a saved token), then
 * shows incoming lines above the line being typed (JLine's {@code printAbove}), so that typing is never
 * mangled. With input from a pipe it reads and prints plain lines instead (see {@link PlainKeyboard}).
 * {@code /quit} (or any alias the server takes for it), Ctrl-D or Ctrl-C leaves: the client then shows
 * what the server still sends and ends when the server closes the connection. When the server closes
 * it unasked (a kick, a stop), the client says so and ends at once.
 *
 * <p>Threads: the calling thread reads the keyboard; one virtual thread reads the server once signed in,
 * and during the sign-in one reads the server's next line while the user is asked for an answer.
 */
public final class ChatClient {
    /** How long the client, having quit, waits for a server that says nothing more to close the connection. */
    static final Duration QUIT_WAIT = Duration.ofSeconds(15);
    /** How long {@code /passwd} waits for the server's next question before the chat goes on. */
    static final Duration PASSWORD_WAIT = Duration.ofSeconds(10);
    private static final String PASSWORD_DONE = "";

    /** Where to connect and as whom. {@code name} may be null: then it is asked for. */
    public record Options(String host, int port, String name, boolean useTokens, TokenFile tokens, Tls tls) {
        /** A plain connection. */
        public Options(String host, int port, String name, boolean useTokens, TokenFile tokens) {
            this(host, port, name, useTokens, tokens, null);
        }
    }

    /** Over TLS: {@code fingerprint} pins the certificate (null: the system's trust, then the known servers). */
    public record Tls(String fingerprint, KnownServers known) { }

    private final Options options;
    private final Keyboard keyboard;
    private final String server;
    /** Set before sending a quit: the server's closing the connection is then expected. */
    private final AtomicBoolean leaving = new AtomicBoolean();
    /** Set by the reader thread when the server closed the connection unasked. */
    private volatile boolean serverGone;
    /** When the reader thread last had a line from the server (System.nanoTime). */
    private volatile long lastHeardNanos;
    /**
     * What the server sent while the user was being asked during the sign-in (see {@link #ask}); null
     * when nobody is reading for the sign-in. Client thread only.
     */
    private CompletableFuture<ServerText.Piece> heardWhileAsking;
    /** {@code /passwd}'s password prompts, and {@link #PASSWORD_DONE} at its end, from the reader thread. */
    private final LinkedBlockingQueue<String> passwordPrompts = new LinkedBlockingQueue<>();
    /** While a {@code /passwd} is under way: only then does the server's answer end the masked questions. */
    private volatile boolean changingPassword;
    private PrintWriter toServer;
    private String name;
    private boolean signedInWithToken;

    public ChatClient(Options options, Keyboard keyboard) {
        this.options = options;
        this.keyboard = keyboard;
        this.server = options.host() + ":" + options.port();
    }

    /** Runs the client to the end; returns the process exit code. */
    public int run() {
        ServerTrust trust = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(options.host(), options.port()), 10_000);
            Socket connected = socket;
            if (options.tls() != null) {
                trust = new ServerTrust(server, options.tls().fingerprint(), options.tls().known(), keyboard);
                connected = encrypted(socket, trust);
            }
            return run(connected);
        } catch (SSLHandshakeException e) {
            say(trust != null && trust.refusal() != null ? trust.refusal()
                    : "The TLS handshake with " + server + " failed: " + e.getMessage()
                            + " (is that port the server's TLS port?)");
            return 1;
        } catch (GeneralSecurityException e) {
            say("TLS cannot be set up: " + e.getMessage());
            return 1;
        } catch (UnknownHostException e) {
            // its message is the bare host name, which said nothing about what went wrong
            say("Cannot find the host " + options.host() + ".");
            return 1;
        } catch (ConnectException e) {
            say("Nothing is listening on " + server + ": is the server running, and on that port?");
            return 1;
        } catch (IOException e) {
            say("Cannot talk to " + server + ": " + e.getMessage());
            return 1;
        } finally {
            keyboard.close();
        }
    }

    /** TLS over the connected socket, the host name checked where an authority vouches for the chain. */
    private Socket encrypted(Socket socket, ServerTrust trust) throws IOException, GeneralSecurityException {
        SSLSocket tls = (SSLSocket) trust.context().getSocketFactory()
                .createSocket(socket, options.host(), options.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    /** Signs in and chats over a connected socket (plain or TLS). */
    private int run(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        toServer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        ServerText text = new ServerText(socket.getInputStream());
        if (!signIn(text)) {
            return 1;
        }
        return chat(text);
    }

    private boolean signIn(ServerText text) throws IOException {
        boolean tokenTried = false;
        boolean tokenSentLast = false;
        String nameSent = null;
        while (true) {
            ServerText.Piece piece = nextSignInPiece(text);
            if (piece == null) {
                say("The server closed the connection.");
                return false;
            }
            if (!piece.prompt()) {
                if (piece.text().startsWith(Protocol.WELCOME_PREFIX)) {
                    name = piece.text().substring(Protocol.WELCOME_PREFIX.length()).replaceAll("!$", "");
                    signedInWithToken = tokenSentLast;
                    say(piece.text());
                    return true;
                }
                say(piece.text());
                continue;
            }
            String prompt = piece.text();
            tokenSentLast = false;
            if (Protocol.PROMPT_NAME.equals(prompt)) {
                Optional<TokenFile.Saved> saved = options.useTokens() ? options.tokens().find(server) : Optional.empty();
                if (!tokenTried && saved.isPresent()
                        && (options.name() == null || options.name().equalsIgnoreCase(saved.get().name()))) {
                    tokenTried = true;
                    tokenSentLast = true;
                    send(Protocol.TOKEN_LOGIN + " " + saved.get().name() + " " + saved.get().token());
                    continue;
                }
                if (options.name() != null && nameSent == null) {
                    nameSent = options.name();
                    send(nameSent);
                    continue;
                }
            }
            String answer = ask(prompt, text);
            if (answer == null) {
                if (heardWhileAsking.isDone()) {
                    // the server has ended the sign-in (a timeout, a stop): show what it said
                    continue;
                }
                say("Not signed in: the input ended.");
                return false;
            }
            send(answer);
        }
    }

    /**
     * Asks the user for the answer to {@code prompt} while a virtual thread reads what the server sends
     * meanwhile. During the sign-in the server sends nothing unasked but its end (the sign-in timeout,
     * a stop), so whatever comes before the answer ends the keyboard's input: the client shows it at
     * once instead of after the next key. Null when the input ended or the server spoke first. Either
     * way the thread's piece is the next one of the sign-in ({@link #nextSignInPiece}).
     */
    private String ask(String prompt, ServerText text) {
        AtomicBoolean asking = new AtomicBoolean(true);
        CompletableFuture<ServerText.Piece> heard = new CompletableFuture<>();
        heardWhileAsking = heard;
        Thread.ofVirtual().name("client-sign-in-reader").start(() -> {
            try {
                heard.complete(text.next(true));
            } catch (IOException e) {
                heard.completeExceptionally(e);
            }
            if (asking.getAndSet(false)) {
                keyboard.endInput();
            }
        });
        String answer = keyboard.answer(prompt, Protocol.isSecretPrompt(prompt));
        // the server cannot answer before the answer is sent: a piece already here came unasked
        return asking.getAndSet(false) ? answer : null;
    }

    /** The sign-in's next line or prompt: the one read while the user was asked, else the next one read now. */
    private ServerText.Piece nextSignInPiece(ServerText text) throws IOException {
        CompletableFuture<ServerText.Piece> heard = heardWhileAsking;
        if (heard == null) {
            return text.next(true);
        }
        heardWhileAsking = null;
        try {
            return heard.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private int chat(ServerText text) throws IOException {
        Thread reader = Thread.ofVirtual().name("client-reader").start(() -> readServer(text));
        if (options.useTokens() && !signedInWithToken) {
            send("/token");
        }
        String prompt = name + ": ";
        while (true) {
            String line = keyboard.readLine(prompt);
            if (serverGone) {
                return 0;
            }
            if (line == null) {
                // Ctrl-D, Ctrl-C, the end of a pipe: leave as /quit does
                line = "/quit";
            }
            // the server's own test of the line, so that every alias it takes for /quit leaves here too
            boolean quit = ChatCommand.parse(Sanitizer.clean(line)) instanceof ChatCommand.Quit;
            if (quit) {
                leaving.set(true);
            }
            boolean passwd = ChatCommand.parse(Sanitizer.clean(line)) instanceof ChatCommand.Passwd;
            if (passwd) {
                // nothing from before counts: a late prompt or end of an earlier /passwd would unmask this one
                passwordPrompts.clear();
                changingPassword = true;
            }
            send(line);
            if (quit) {
                awaitClose(reader);
                return 0;
            }
            if (passwd) {
                try {
                    answerPasswordPrompts();
                } finally {
                    changingPassword = false;
                }
            }
        }
    }

    /**
     * After {@code /passwd}: each of the server's password questions is answered masked, as the
     * sign-in's are, until the server says how the change ended (or is silent for {@link #PASSWORD_WAIT}).
     */
    private void answerPasswordPrompts() {
        try {
            for (String prompt = next(); prompt != null && !prompt.equals(PASSWORD_DONE); prompt = next()) {
                String answer = keyboard.answer(prompt, true);
                send(answer == null ? "" : answer); // the input ended: an empty answer gives up
                if (answer == null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The server's own end of a {@code /passwd} ({@code * Your password is changed.}, or a notice or error
     * ending {@code Password not changed.}): never a room or private line, which begin with their time.
     */
    private static boolean endsPasswordChange(String line) {
        return line.equals(Protocol.PASSWORD_CHANGED) || ((line.startsWith(Protocol.ERROR_PREFIX)
                || line.startsWith(Protocol.NOTICE_PREFIX)) && line.endsWith(Protocol.PASSWORD_NOT_CHANGED));
    }

    private String next() throws InterruptedException {
        return passwordPrompts.poll(PASSWORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * After {@code /quit}: waits until the server closes the connection, so that its answers to the
     * last lines sent (which a flood-paced server may read seconds later) are all shown before the
     * client ends. A server silent for {@link #QUIT_WAIT} is not waited for any longer.
     */
    private void awaitClose(Thread reader) {
        lastHeardNanos = System.nanoTime();
        try {
            while (true) {
                long left = QUIT_WAIT.toNanos() - (System.nanoTime() - lastHeardNanos);
                if (left <= 0 || reader.join(Duration.ofNanos(left))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs on the reader thread: every server line goes above the input line; tokens are saved. When
     * the server closes the connection unasked (a kick, a stop), says so and ends the keyboard's input,
     * so that the client ends without waiting for another key.
     */
    private void readServer(ServerText text) {
        try {
            for (ServerText.Piece piece = text.next(true); piece != null; piece = text.next(true)) {
                lastHeardNanos = System.nanoTime();
                String line = piece.text();
                if (piece.prompt() && Protocol.isSecretPrompt(line)) {
                    passwordPrompts.add(line); // /passwd's question: the chat loop asks it, masked
                } else if (piece.prompt()) {
                    keyboard.printAbove(line);
                } else if (changingPassword && endsPasswordChange(line)) {
                    keyboard.printAbove(line);
                    passwordPrompts.add(PASSWORD_DONE);
                } else if (line.startsWith(Protocol.TOKEN_PREFIX)) {
                    saveToken(line.substring(Protocol.TOKEN_PREFIX.length()).strip());
                } else {
                    keyboard.printAbove(line);
                }
            }
        } catch (IOException e) {
            // connection gone: said below
        }
        passwordPrompts.add(PASSWORD_DONE);
        if (!leaving.get()) {
            keyboard.printAbove("* Connection closed by the server.");
            serverGone = true;
            keyboard.endInput();
        }
    }

    private void saveToken(String token) {
        try {
            options.tokens().save(server, name, token);
        } catch (IOException e) {
            keyboard.printAbove("! Could not save the login token: " + e.getMessage());
        }
    }

    private void send(String line) {
        toServer.print(line + Protocol.LINE_END);
        toServer.flush();
    }

    private void say(String line) {
        keyboard.printAbove(line);
    }
}
