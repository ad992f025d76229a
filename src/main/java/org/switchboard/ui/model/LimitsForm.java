package org.switchboard.ui.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.server.FloodLimits;
import org.switchboard.server.ServerConfig;

/**
 * The limits the control panel lets the operator change, as whole numbers keyed by field, read from a
 * configuration and turned back into one. Plain Java: the dialog shows one spinner per field.
 */
public final class LimitsForm {
    /** One editable limit: what the operator reads, and its bounds. */
    public record Field(String key, String label, int min, int max) { }

    public static final Field LINE_BYTES = new Field("lineBytes", "Longest line (bytes)", 16, 1 << 20);
    public static final Field SIGN_IN_SECONDS = new Field("signInSeconds", "Time to sign in (s)", 1, 3600);
    public static final Field MIN_PASSWORD = new Field("minPassword", "Shortest password", 1, 1024);
    public static final Field LOGIN_FAILURES = new Field("loginFailures", "Wrong passwords that lock a name (0: never)", 0, 1000);
    public static final Field LOGIN_WINDOW = new Field("loginWindow", "… counted over (s)", 1, 86_400);
    public static final Field LOGIN_LOCKOUT = new Field("loginLockout", "… locking it for (s)", 1, 86_400);
    public static final Field FLOOD_BURST = new Field("floodBurst", "Flood: burst of lines", 1, 1_000_000);
    public static final Field FLOOD_RATE = new Field("floodRate", "Flood: then lines a second (0: off)", 0, 1_000_000);
    public static final Field FLOOD_WARN = new Field("floodWarn", "Flood: warn after held-back lines", 0, 1_000_000);
    public static final Field FLOOD_DISCONNECT = new Field("floodDisconnect", "Flood: disconnect after (0: never)", 0, 1_000_000);
    public static final Field PER_ADDRESS = new Field("perAddress", "Connections from one address", 1, 1_000_000);
    public static final Field CLIENTS = new Field("clients", "Connections in all", 1, 1_000_000);
    public static final Field OUTBOX_KIB = new Field("outboxKib", "Unread output before a client is cut off (KiB)", 1, 1 << 21);
    public static final Field IDLE_SECONDS = new Field("idleSeconds", "Disconnect silent users after (s, 0: never)", 0, 86_400 * 7);
    public static final Field KEEP_ALIVE_SECONDS = new Field("keepAliveSeconds", "TCP keep-alive after (s, 0: off)", 0, 86_400);

    public static final Field[] FIELDS = {LINE_BYTES, SIGN_IN_SECONDS, MIN_PASSWORD, LOGIN_FAILURES, LOGIN_WINDOW,
        LOGIN_LOCKOUT, FLOOD_BURST, FLOOD_RATE, FLOOD_WARN, FLOOD_DISCONNECT, PER_ADDRESS, CLIENTS, OUTBOX_KIB,
        IDLE_SECONDS, KEEP_ALIVE_SECONDS};

    private LimitsForm() {
    }

    /** The current value of every field. */
    public static Map<Field, Integer> read(ServerConfig config) {
        Map<Field, Integer> values = new LinkedHashMap<>();
        values.put(LINE_BYTES, config.maxLineBytes());
        values.put(SIGN_IN_SECONDS, seconds(config.signInTimeout()));
        values.put(MIN_PASSWORD, config.minPasswordLength());
        values.put(LOGIN_FAILURES, config.login().failures());
        values.put(LOGIN_WINDOW, Math.max(1, seconds(config.login().window())));
        values.put(LOGIN_LOCKOUT, Math.max(1, seconds(config.login().lockout())));
        values.put(FLOOD_BURST, config.flood().burst());
        values.put(FLOOD_RATE, config.flood().ratePerSecond());
        values.put(FLOOD_WARN, config.flood().warnAfter());
        values.put(FLOOD_DISCONNECT, config.flood().disconnectAfter());
        values.put(PER_ADDRESS, config.maxClientsPerAddress());
        values.put(CLIENTS, config.maxClients());
        values.put(OUTBOX_KIB, Math.max(1, config.outboxLimitBytes() / 1024));
        values.put(IDLE_SECONDS, seconds(config.idleTimeout()));
        values.put(KEEP_ALIVE_SECONDS, seconds(config.keepAlive()));
        return values;
    }

    /**
     * The value typed for a field.
     *
     * @throws IllegalArgumentException naming the field, when the text is not a whole number in its range
     */
    public static int parse(Field field, String typed) {
        String text = typed == null ? "" : typed.strip();
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field.label() + " must be a whole number between " + field.min()
                    + " and " + field.max() + ", not " + (text.isEmpty() ? "empty" : "'" + text + "'"));
        }
        check(field, value);
        return value;
    }

    private static void check(Field field, int value) {
        if (value < field.min() || value > field.max()) {
            throw new IllegalArgumentException(field.label() + " must be between " + field.min() + " and "
                    + field.max() + ", not " + value);
        }
    }

    /**
     * The configuration with these values; everything else as in {@code base}.
     *
     * @throws IllegalArgumentException naming the first value that is out of range
     */
    public static ServerConfig apply(ServerConfig base, Map<Field, Integer> values) {
        for (Field field : FIELDS) {
            check(field, values.getOrDefault(field, 0));
        }
        return base.toBuilder()
                .maxLineBytes(values.get(LINE_BYTES))
                .signInTimeout(Duration.ofSeconds(values.get(SIGN_IN_SECONDS)))
                .minPasswordLength(values.get(MIN_PASSWORD))
                .login(new LoginThrottle.Policy(values.get(LOGIN_FAILURES),
                        Duration.ofSeconds(values.get(LOGIN_WINDOW)), Duration.ofSeconds(values.get(LOGIN_LOCKOUT))))
                .flood(new FloodLimits(values.get(FLOOD_BURST), values.get(FLOOD_RATE), values.get(FLOOD_WARN),
                        values.get(FLOOD_DISCONNECT)))
                .maxClientsPerAddress(values.get(PER_ADDRESS))
                .maxClients(values.get(CLIENTS))
                .outboxLimitBytes((int) Math.min(Integer.MAX_VALUE, values.get(OUTBOX_KIB) * 1024L))
                .idleTimeout(Duration.ofSeconds(values.get(IDLE_SECONDS)))
                .keepAlive(Duration.ofSeconds(values.get(KEEP_ALIVE_SECONDS)))
                .build();
    }

    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
    }
}
