package org.switchboard.server;

import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.switchboard.auth.Ban;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.MemberInfo;
import org.switchboard.log.LogView;

/**
 * What the server shows, and nothing it does: what the operator's console and the control panel read
 * and watch. The actions go through {@code Operator}, which answers each with its outcome.
 *
 * <p>Thread-safe; observers are told on the thread that caused the event and must not block.
 */
public interface ServerView {
    ServerConfig config();

    /** The server's clock, which stamps its lines and log entries. */
    Clock clock();

    ServerState state();

    /** The port of the first endpoint (the real one once started with port 0). */
    int port();

    /**
     * Every listening port, the first endpoint's first: its port (the real one once started with 0),
     * its protocol and whether it is encrypted.
     */
    List<PortInfo> ports();

    /** The IRC port (the real one once started with 0), empty when the server has none. */
    default OptionalInt ircPort() {
        int port = portNamed(p -> p.name().equals(Endpoints.IRC));
        return port == ServerConfig.OFF ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The line protocol's TLS port (the real one once started with 0), or {@link ServerConfig#OFF}. */
    default int tlsPort() {
        return portNamed(p -> p.encrypted() && !p.name().equals(Endpoints.IRC_TLS));
    }

    /** The IRC over TLS port (the real one once started with 0), or {@link ServerConfig#OFF}. */
    default int ircTlsPort() {
        return portNamed(p -> p.name().equals(Endpoints.IRC_TLS));
    }

    private int portNamed(Predicate<PortInfo> which) {
        return ports().stream().filter(which).mapToInt(PortInfo::port).findFirst().orElse(ServerConfig.OFF);
    }

    /** The SHA-256 fingerprint of the TLS certificate in service ({@code SHA256:AB:CD:...}), or null. */
    default String tlsFingerprint() {
        return null;
    }

    ServerStats stats();

    List<MemberInfo> users();

    List<ChatLine> recentHistory(int count);

    /** The bans and mutes in force now (none of those whose time is up), in the order given. */
    default List<Ban> bans() {
        return List.of();
    }

    /** How many names the identity file holds. */
    int registeredUsers();

    /** Every registered name with its times, live tokens and whether it is online, sorted by name. */
    List<AccountInfo> accounts();

    /** The activity log, to read and watch. */
    LogView log();

    void addListener(ServerListener listener);

    void removeListener(ServerListener listener);
}
