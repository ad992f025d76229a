package org.switchboard.ui.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.auth.LoginThrottle;
import org.switchboard.server.FloodLimits;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.Setting;

/**
 * The limits the control panel lets the operator change, as whole numbers keyed by field, read from a
 * configuration and turned back into one. Each field's bounds are its {@link ServerConfig} setting's,
 * so the dialog refuses exactly what the server would. Plain Java: the dialog shows one spinner per field.
 */
public final class LimitsForm {
    /** One editable limit: what the operator reads, and its bounds (its setting's, in the field's unit). */
    public record Field(String key, String label, int min, int max) {
        /** A field in the setting's own unit. */
        static Field of(String key, String label, Setting setting) {
            return new Field(key, label, setting.min(), setting.max());
        }

        /** A field counting {@code per} of the setting's units: the whole ones that lie in its range. */
        static Field per(String key, String label, Setting setting, int per) {
            return new Field(key, label, Math.ceilDiv(setting.min(), per), setting.max() / per);
        }
    }

    public static final Field LINE_BYTES = Field.of("lineBytes", "Longest line (bytes)", ServerConfig.MAX_LINE_BYTES);
    public static final Field SIGN_IN_SECONDS =
            Field.of("signInSeconds", "Time to sign in (s)", ServerConfig.SIGN_IN_TIMEOUT_SECONDS);
    public static final Field MIN_PASSWORD =
            Field.of("minPassword", "Shortest password", ServerConfig.MIN_PASSWORD_LENGTH);
    public static final Field LOGIN_FAILURES = Field.of("loginFailures", "Wrong passwords that lock a name (0: never)",
            ServerConfig.LOGIN_FAILURES);
    public static final Field LOGIN_WINDOW =
            Field.of("loginWindow", "… counted over (s)", ServerConfig.LOGIN_WINDOW_SECONDS);
    public static final Field LOGIN_LOCKOUT =
            Field.of("loginLockout", "… locking it for (s)", ServerConfig.LOGIN_LOCKOUT_SECONDS);
    public static final Field FLOOD_BURST = Field.of("floodBurst", "Flood: burst of lines", ServerConfig.FLOOD_BURST);
    public static final Field FLOOD_RATE =
            Field.of("floodRate", "Flood: then lines a second (0: off)", ServerConfig.FLOOD_RATE);
    public static final Field FLOOD_WARN =
            Field.of("floodWarn", "Flood: warn after held-back lines", ServerConfig.FLOOD_WARN);
    public static final Field FLOOD_DISCONNECT =
            Field.of("floodDisconnect", "Flood: disconnect after (0: never)", ServerConfig.FLOOD_DISCONNECT);
    public static final Field PER_ADDRESS =
            Field.of("perAddress", "Connections from one address", ServerConfig.MAX_CLIENTS_PER_ADDRESS);
    public static final Field CLIENTS = Field.of("clients", "Connections in all", ServerConfig.MAX_CLIENTS);
    public static final Field OUTBOX_KIB = Field.per("outboxKib", "Unread output before a client is cut off (KiB)",
            ServerConfig.OUTBOX_LIMIT_BYTES, 1024);
    public static final Field IDLE_SECONDS = Field.of("idleSeconds", "Disconnect silent users after (s, 0: never)",
            ServerConfig.IDLE_TIMEOUT_SECONDS);
    public static final Field KEEP_ALIVE_SECONDS =
            Field.of("keepAliveSeconds", "TCP keep-alive after (s, 0: off)", ServerConfig.KEEP_ALIVE_SECONDS);

    public static final Field[] FIELDS = {LINE_BYTES, SIGN_IN_SECONDS, MIN_PASSWORD, LOGIN_FAILURES, LOGIN_WINDOW,
        LOGIN_LOCKOUT, FLOOD_BURST, FLOOD_RATE, FLOOD_WARN, FLOOD_DISCONNECT, PER_ADDRESS, CLIENTS, OUTBOX_KIB,
        IDLE_SECONDS, KEEP_ALIVE_SECONDS};

    /**
     * A setting the dialog shows but cannot change: its value, and why it cannot change. The IRC port
     * and channel are the IRC endpoint's, made once when Switchboard starts (the port is bound again on
     * every start, the channel is in every IRC line), so they hold for the process's life.
     */
    public record Fixed(String key, String label, String value, String why) { }

    /** Why the IRC settings cannot change here, as the dialog says it. */
    public static final String IRC_FIXED = "Set when Switchboard starts (--irc-port, --irc-channel) and fixed"
            + " while it runs: quit and start it again with the option to change them.";

    private LimitsForm() {
    }

    /** The IRC settings in force, read-only: the port (or off) and the channel the room is. */
    public static List<Fixed> fixed(ServerConfig config) {
        String port = !config.ircEnabled() ? "off"
                : config.ircPort() == 0 ? "any free port (0)" : String.valueOf(config.ircPort());
        return List.of(new Fixed("ircPort", "IRC port", port, IRC_FIXED),
                new Fixed("ircChannel", "IRC channel", config.ircChannel(), IRC_FIXED));
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
                .outboxLimitBytes(values.get(OUTBOX_KIB) * 1024)
                .idleTimeout(Duration.ofSeconds(values.get(IDLE_SECONDS)))
                .keepAlive(Duration.ofSeconds(values.get(KEEP_ALIVE_SECONDS)))
                .build();
    }

    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
    }
}
