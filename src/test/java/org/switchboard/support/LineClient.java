package org.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.switchboard.protocol.Protocol;
import org.switchboard.protocol.ServerText;

/**
 * A test's client: a real socket on the loopback address that reads the server's lines and prompts
 * with a timeout, so that a broken server fails the test instead of hanging it.
 */
public final class LineClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final ServerText in;

    public LineClient(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in = new ServerText(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plain socket from the local address {@code source} (127.0.0.5, say: any 127/8 address is this
     * machine's) to {@code server}:{@code port}, for tests of what an address is let do.
     */
    public static Socket socketFrom(String source, InetAddress server, int port) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(server, port), 5_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client over a socket already connected (a TLS one, say). */
    public LineClient(Socket connected) {
        try {
            socket = connected;
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in = new ServerText(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    public LineClient send(String line) {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public LineClient sendRaw(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The next whole line or prompt; null when the server closed the connection. */
    public String next() {
        try {
            ServerText.Piece piece = in.next(true);
            return piece == null ? null : piece.text();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the server within " + TIMEOUT, e);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads until a line matches; fails with what was read if the connection closes first. */
    public String await(Predicate<String> wanted) {
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = next();
            if (line == null) {
                throw new AssertionError("connection closed while waiting; read: " + seen);
            }
            if (wanted.test(line)) {
                return line;
            }
            seen.add(line);
        }
    }

    public String awaitContaining(String text) {
        return await(line -> line.contains(text));
    }

    /** Reads until the server closes the connection; returns everything read. */
    public List<String> readToEnd() {
        List<String> lines = new ArrayList<>();
        for (String line = next(); line != null; line = next()) {
            lines.add(line);
        }
        return lines;
    }

    public void expectPrompt(String prompt) {
        assertThat(await(Protocol::isPrompt)).isEqualTo(prompt);
    }

    /** Registers a new name (name prompt, password twice) and waits for the welcome. */
    public LineClient register(String name, String password) {
        expectPrompt(Protocol.PROMPT_NAME);
        send(name);
        expectPrompt(Protocol.PROMPT_NEW_PASSWORD);
        send(password);
        expectPrompt(Protocol.PROMPT_REPEAT_PASSWORD);
        send(password);
        await(line -> line.startsWith(Protocol.WELCOME_PREFIX));
        awaitContaining("Online now:");
        return this;
    }

    /** Signs in with a known name and its password and waits for the welcome. */
    public LineClient signIn(String name, String password) {
        expectPrompt(Protocol.PROMPT_NAME);
        send(name);
        expectPrompt(Protocol.PROMPT_PASSWORD);
        send(password);
        await(line -> line.startsWith(Protocol.WELCOME_PREFIX));
        awaitContaining("Online now:");
        return this;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }
}
