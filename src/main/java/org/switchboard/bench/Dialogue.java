package org.switchboard.bench;

import java.nio.charset.StandardCharsets;
import org.switchboard.protocol.Protocol;

/**
 * How a bench client signs in and keeps its connection, in either protocol: the line protocol's
 * prompts answered with the client's name and the password, then {@code Welcome,}; or IRC's JOIN after
 * {@code 001} (with {@code --nickserv}, a NickServ REGISTER instead, or IDENTIFY when the name is taken:
 * a server with built-in accounts joins its channel once signed in), ready at {@code 366}, PONG to every
 * PING. Runs on the client's {@link IoLoop} thread.
 */
final class Dialogue {
    /** What the dialogue does to a client, on its loop. */
    interface Loop {
        void send(Client client, byte[] bytes);

        /** Signed in: the client reads the room's lines from now on. */
        void ready(Client client);

        /** The sign-in failed. */
        void failed(Client client, String why);

        /** The connection ended: a failure while signing in, a disconnection after. */
        void lost(Client client, String why);
    }

    private static final byte[] PROMPT_NAME = Protocol.PROMPT_NAME.getBytes(StandardCharsets.UTF_8);
    private static final byte[][] PASSWORD_PROMPTS = {
        Protocol.PROMPT_PASSWORD.getBytes(StandardCharsets.UTF_8),
        Protocol.PROMPT_NEW_PASSWORD.getBytes(StandardCharsets.UTF_8),
        Protocol.PROMPT_REPEAT_PASSWORD.getBytes(StandardCharsets.UTF_8)};
    private static final byte[] WELCOME = Protocol.WELCOME_PREFIX.getBytes(StandardCharsets.UTF_8);
    private static final byte[] ERROR = Protocol.ERROR_PREFIX.getBytes(StandardCharsets.UTF_8);

    private final BenchConfig config;
    private final Loop loop;
    private final boolean irc;
    private final byte[] passwordLine;

    Dialogue(BenchConfig config, Loop loop) {
        this.config = config;
        this.loop = loop;
        this.irc = config.protocol() == BenchProtocol.IRC;
        this.passwordLine = Protocol.lineBytes(config.password());
    }

    /** Connected: an IRC client registers; a line-protocol client waits for the name prompt. */
    void begin(Client client) {
        if (irc) {
            loop.send(client, Protocol.lineBytes("NICK " + client.name));
            loop.send(client, Protocol.lineBytes("USER " + client.name + " 0 * :bench"));
        }
    }

    /** The line protocol's text after the last line end, while signing in: a prompt is answered. */
    void onPrompt(Client client, byte[] bytes, int length) {
        if (irc || client.state != Client.State.SIGNING_IN) {
            return;
        }
        if (equals(bytes, length, PROMPT_NAME)) {
            client.inputBuffer.clear();
            loop.send(client, Protocol.lineBytes(client.name));
            return;
        }
        for (byte[] prompt : PASSWORD_PROMPTS) {
            if (equals(bytes, length, prompt)) {
                client.inputBuffer.clear();
                loop.send(client, passwordLine);
                return;
            }
        }
    }

    /** A whole line that is not one of the bench's chat lines. */
    void onLine(Client client, byte[] bytes, int from, int to) {
        if (irc) {
            onIrcLine(client, new String(bytes, from, to - from, StandardCharsets.UTF_8));
        } else if (client.state == Client.State.SIGNING_IN) {
            if (startsWith(bytes, from, to, WELCOME)) {
                loop.ready(client);
            } else if (startsWith(bytes, from, to, ERROR)) {
                loop.failed(client, new String(bytes, from, to - from, StandardCharsets.UTF_8));
            }
        }
    }

    private void onIrcLine(Client client, String line) {
        if (line.startsWith("PING")) {
            loop.send(client, Protocol.lineBytes("PONG" + line.substring(4)));
            return;
        }
        if (line.startsWith("ERROR")) {
            if (client.state == Client.State.READY) {
                loop.lost(client, line);
            } else {
                loop.failed(client, line);
            }
            return;
        }
        String[] words = line.split(" ", 3);
        if (client.state != Client.State.SIGNING_IN || words.length < 2 || !line.startsWith(":")) {
            return;
        }
        String command = words[1];
        if (command.equals("001")) {
            loop.send(client, Protocol.lineBytes(config.nickServ()
                    ? "PRIVMSG NickServ :REGISTER " + config.password()
                    : "JOIN " + config.channel()));
        } else if (config.nickServ() && command.equals("NOTICE") && words[0].startsWith(":NickServ!")
                && line.contains(" is registered already")) {
            // a second run on the same data: the name is the bench's from the first
            loop.send(client, Protocol.lineBytes("PRIVMSG NickServ :IDENTIFY " + config.password()));
        } else if (command.equals("366")) {
            loop.ready(client);
        } else if (command.length() == 3 && (command.charAt(0) == '4' || command.charAt(0) == '5')
                && !command.equals("422")) {
            // 422 says only that the server has no message of the day
            loop.failed(client, line);
        }
    }

    private static boolean equals(byte[] bytes, int length, byte[] text) {
        return length == text.length && startsWith(bytes, 0, length, text);
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
