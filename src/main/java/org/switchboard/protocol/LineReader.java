package org.switchboard.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The line codec: turns a client's byte stream into bounded UTF-8 lines.
 *
 * <p>CR LF, LF, CR NUL and a lone CR all end a line. Telnet negotiation (IAC WILL/WONT/DO/DONT x,
 * IAC SB ... IAC SE and the two-byte commands) is understood and dropped; IAC IAC is a literal 0xFF.
 * Invalid UTF-8 becomes U+FFFD, never an exception. A line longer than the limit is read to its end,
 * thrown away and reported as {@link LineTooLongException}: the codec never buffers without bound.
 *
 * <p>Not thread-safe: owned by the one thread that reads the connection.
 */
public final class LineReader {
    private static final int IAC = 255;
    private static final int SB = 250;
    private static final int SE = 240;
    private static final int WILL = 251;
    private static final int DONT = 254;
    /** The telnet option commands, for {@link Negotiation}. */
    public static final int TELNET_WILL = WILL;
    public static final int TELNET_WONT = 252;
    public static final int TELNET_DO = 253;
    public static final int TELNET_DONT = DONT;
    public static final int TELNET_ECHO = 1;

    private enum Telnet { DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_IAC }

    /** Told of each telnet option command the client sends (WILL, WONT, DO or DONT and the option). */
    public interface Negotiation {
        void received(int command, int option);
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer;
    private int position;
    private int limit;

    private byte[] line = new byte[128];
    private int length;
    private boolean overflow;
    private boolean afterCr;
    private boolean eof;
    private Telnet telnet = Telnet.DATA;
    private boolean sawTelnet;
    private final Negotiation negotiation;
    private int command;

    public LineReader(InputStream in, int maxBytes) {
        this(in, maxBytes, (command, option) -> { });
    }

    /** A reader that tells {@code negotiation} of the client's option commands, as they are read. */
    public LineReader(InputStream in, int maxBytes, Negotiation negotiation) {
        this.negotiation = negotiation;
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.in = in;
        this.maxBytes = maxBytes;
        this.buffer = new byte[Math.min(8192, Math.max(512, maxBytes))];
    }

    /**
     * Reads the next line, without its terminator.
     *
     * @return the line, or {@code null} at the end of the stream
     * @throws LineTooLongException when the line was longer than the limit (and has been skipped)
     */
    public String readLine() throws IOException {
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    eof = true;
                    return length > 0 || overflow ? finish() : null;
                }
            }
            int b = buffer[position++] & 0xFF;
            if (telnet != Telnet.DATA || b == IAC) {
                if (telnet(b)) {
                    append(IAC);
                }
                continue;
            }
            if (afterCr) {
                afterCr = false;
                if (b == '\n' || b == 0) {
                    continue;
                }
            }
            if (b == '\r') {
                afterCr = true;
                return finish();
            }
            if (b == '\n') {
                return finish();
            }
            append(b);
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /**
     * Whether the client has sent a telnet command (IAC followed by anything but IAC): it speaks telnet,
     * so it understands the server's negotiation too. A plain {@code nc} never does.
     */
    public boolean sawTelnet() {
        return sawTelnet;
    }

    /** Advances the telnet state machine; true when the byte was an escaped literal 0xFF. */
    private boolean telnet(int b) {
        switch (telnet) {
            case DATA -> telnet = Telnet.COMMAND;
            case COMMAND -> {
                if (b == IAC) {
                    telnet = Telnet.DATA;
                    return true;
                }
                sawTelnet = true;
                if (b >= WILL && b <= DONT) {
                    command = b;
                    telnet = Telnet.OPTION;
                } else if (b == SB) {
                    telnet = Telnet.SUBNEGOTIATION;
                } else {
                    telnet = Telnet.DATA;
                }
            }
            case OPTION -> {
                telnet = Telnet.DATA;
                negotiation.received(command, b);
            }
            case SUBNEGOTIATION -> {
                if (b == IAC) {
                    telnet = Telnet.SUBNEGOTIATION_IAC;
                }
            }
            case SUBNEGOTIATION_IAC -> telnet = b == SE ? Telnet.DATA : Telnet.SUBNEGOTIATION;
            default -> throw new IllegalStateException(telnet.name());
        }
        return false;
    }

    private void append(int b) {
        if (length >= maxBytes) {
            overflow = true;
            return;
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
        }
        line[length++] = (byte) b;
    }

    private String finish() throws LineTooLongException {
        boolean tooLong = overflow;
        String text = tooLong ? null : new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        overflow = false;
        if (line.length > 1024) {
            line = new byte[128];
        }
        if (tooLong) {
            throw new LineTooLongException(maxBytes);
        }
        return text;
    }
}
