package org.switchboard.ui.model;

import java.time.Duration;
import java.util.Locale;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.switchboard.server.ServerConfig;
import org.switchboard.server.ServerState;
import org.switchboard.server.ServerStats;

/** What the status bar shows: state and port, clients online and peak, messages per second, uptime. FX thread. */
public final class StatusModel {
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final ReadOnlyObjectWrapper<ServerState> state = new ReadOnlyObjectWrapper<>(ServerState.STOPPED);
    private final ReadOnlyIntegerWrapper port = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper("Stopped");
    private final ReadOnlyStringWrapper nobodyOnline = new ReadOnlyStringWrapper(nobodyOnline(ServerState.STOPPED, 0));
    private final ReadOnlyStringWrapper clients = new ReadOnlyStringWrapper("0 online · peak 0");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("0 msg/s");
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper("up 0s");
    private final ReadOnlyIntegerWrapper registeredUsers = new ReadOnlyIntegerWrapper();
    private final RateMeter meter = new RateMeter(RATE_WINDOW_NANOS);
    /** The IRC port of the latest stats, {@link ServerConfig#IRC_OFF} for none. */
    private int ircPort = ServerConfig.IRC_OFF;

    public ReadOnlyObjectProperty<ServerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty portProperty() {
        return port.getReadOnlyProperty();
    }

    /** "Listening on :5050 · IRC :6667", "Paused · :5050 · IRC :6667 closed", "Stopped". */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** What the empty users list says: how to join while listening, why nobody can while not. */
    public ReadOnlyStringProperty nobodyOnlineProperty() {
        return nobodyOnline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clientsProperty() {
        return clients.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty registeredUsersProperty() {
        return registeredUsers.getReadOnlyProperty();
    }

    public ServerState state() {
        return state.get();
    }

    void stateChanged(ServerState newState, int newPort) {
        port.set(newPort);
        state.set(newState);
        String irc = ircPort == ServerConfig.IRC_OFF ? "" : " · IRC :" + ircPort;
        badge.set(switch (newState) {
            case LISTENING -> "Listening on :" + newPort + irc;
            case PAUSED -> "Paused · :" + newPort + irc + " closed";
            case STOPPED -> "Stopped";
        });
        nobodyOnline.set(nobodyOnline(newState, newPort));
    }

    static String nobodyOnline(ServerState state, int port) {
        return switch (state) {
            case LISTENING -> "Nobody is signed in yet.\nJoin with: telnet localhost " + port;
            case PAUSED -> "Nobody is signed in.\nPaused: port " + port + " takes no new connections until Resume.";
            case STOPPED -> "Nobody is signed in.\nThe server is stopped: nobody can join until it starts.";
        };
    }

    void stats(ServerStats stats, long nanos) {
        if (stats.state() != state.get() || stats.port() != port.get() || stats.ircPort() != ircPort) {
            ircPort = stats.ircPort();
            stateChanged(stats.state(), stats.port());
        }
        clients.set(stats.usersOnline() + " online · peak " + stats.peakUsersOnline());
        double perSecond = meter.sample(stats.messages(), nanos);
        rate.set(formatRate(perSecond) + " msg/s");
        uptime.set(stats.state() == ServerState.STOPPED ? "not running" : "up " + formatUptime(stats.uptime()));
        registeredUsers.set(stats.registeredUsers());
    }

    static String formatRate(double perSecond) {
        if (perSecond < 10) {
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }
        return String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }

    static String formatUptime(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 3600) {
            return String.format("%d:%02d", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format("%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        }
        return String.format("%dd %d:%02d", seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60);
    }
}
