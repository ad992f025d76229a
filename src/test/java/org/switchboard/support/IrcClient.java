package org.switchboard.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * A raw IRC connection for tests: writes lines as an IRC client would, and reads the server's lines
 * with a timeout, so that a missing answer fails the test instead of hanging it.
 */
public final class IrcClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;
    private final Socket socket;
    private final BufferedReader in;
    private final List<String> read = new ArrayList<>();

    public IrcClient(int port) {
        this(plain(port));
    }

    /** Over a connected socket: a TLS one, say. */
    public IrcClient(Socket socket) {
        try {
            this.socket = socket;
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket plain(int port) {
        try {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket (tests of TLS look at its session). */
    public Socket socket() {
        return socket;
    }

    public IrcClient send(String line) {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public IrcClient sendRaw(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The next line, or null when the server closed the connection. */
    public String next() {
        try {
            String line = in.readLine();
            if (line != null) {
                read.add(line);
            }
            return line;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the server within " + TIMEOUT_MILLIS + " ms; read: " + read, e);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads until a line matches; fails with what was read if the connection closes first. */
    public String await(Predicate<String> wanted) {
        for (String line = next(); line != null; line = next()) {
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("the server closed the connection; read: " + read);
    }

    public String awaitContaining(String text) {
        return await(line -> line.contains(text));
    }

    /** The line with numeric {@code code} ({@code :switchboard 001 nick ...}). */
    public String awaitNumeric(String code) {
        return await(line -> line.startsWith(":switchboard " + code + " "));
    }

    /** Every line until the server closes the connection. */
    public List<String> readToEnd() {
        List<String> lines = new ArrayList<>();
        for (String line = next(); line != null; line = next()) {
            lines.add(line);
        }
        return lines;
    }

    /** Signs in with SASL PLAIN as {@code name} and waits for the end of the channel's names. */
    public IrcClient signIn(String name, String password) {
        send("CAP LS 302").send("NICK " + name).send("USER u 0 * :Test");
        awaitContaining(" CAP * LS ");
        send("CAP REQ :sasl");
        awaitContaining(" ACK ");
        send("AUTHENTICATE PLAIN");
        awaitContaining("AUTHENTICATE +");
        send("AUTHENTICATE " + plain(name, password));
        awaitNumeric("903");
        send("CAP END");
        awaitNumeric("366");
        return this;
    }

    public static String plain(String name, String password) {
        return Base64.getEncoder().encodeToString(("\0" + name + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
