package org.switchboard.ui.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.switchboard.server.PortInfo;
import org.switchboard.server.ServerState;
import org.switchboard.server.ServerStats;

/**
 * What the status bar and the ports readout show: state and ports, the TLS certificate's fingerprint,
 * clients online and peak, messages per second, uptime. FX thread.
 */
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
    /** Every listening port, the first endpoint's first, as the server last said. */
    private final ObservableList<PortInfo> ports = FXCollections.observableArrayList();
    private final ObservableList<PortInfo> readOnlyPorts = FXCollections.unmodifiableObservableList(ports);
    private final ReadOnlyStringWrapper fingerprint = new ReadOnlyStringWrapper("");

    public ReadOnlyObjectProperty<ServerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty portProperty() {
        return port.getReadOnlyProperty();
    }

    /**
     * "Listening on :5050 · line+TLS :5443 · IRC :6667", "Paused · :5050 · line+TLS :5443 · IRC :6667
     * closed", "Stopped": the first port, then every other with its protocol.
     */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** What the empty users list says: how to join while listening, why nobody can while not. */
    public ReadOnlyStringProperty nobodyOnlineProperty() {
        return nobodyOnline.getReadOnlyProperty();
    }

    /** Every port the server listens on (or will, when it starts), with its protocol and whether it is encrypted. */
    public ObservableList<PortInfo> ports() {
        return readOnlyPorts;
    }

    /** The TLS certificate's SHA-256 fingerprint ({@code SHA256:AB:CD:...}), "" before TLS starts or without it. */
    public ReadOnlyStringProperty fingerprintProperty() {
        return fingerprint.getReadOnlyProperty();
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
        String others = ports.stream().skip(1).map(p -> " · " + p.protocol() + " :" + p.port())
                .collect(Collectors.joining());
        badge.set(switch (newState) {
            case LISTENING -> "Listening on :" + newPort + others;
            case PAUSED -> "Paused · :" + newPort + others + " closed";
            case STOPPED -> "Stopped";
        });
        nobodyOnline.set(nobodyOnline(newState, newPort));
    }

    /** The ports and the certificate in service, as the server says them now ({@code fingerprint} may be null). */
    void ports(List<PortInfo> now, String certificate) {
        fingerprint.set(certificate == null ? "" : certificate);
        if (!now.equals(ports)) {
            ports.setAll(now);
            stateChanged(state.get(), port.get());
        }
    }

    static String nobodyOnline(ServerState state, int port) {
        return switch (state) {
            case LISTENING -> "Nobody is signed in yet.\nJoin with: telnet localhost " + port;
            case PAUSED -> "Nobody is signed in.\nPaused: port " + port + " takes no new connections until Resume.";
            case STOPPED -> "Nobody is signed in.\nThe server is stopped: nobody can join until it starts.";
        };
    }

    void stats(ServerStats stats, long nanos) {
        if (stats.state() != state.get() || stats.port() != port.get()) {
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
