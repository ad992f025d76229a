package org.switchboard.ui.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.switchboard.chat.MemberInfo;
import org.switchboard.protocol.Names;

/** Who is signed in, sorted by name, and the clock their "connected for" is counted to. FX thread. */
public final class UsersModel {
    private static final Comparator<MemberInfo> BY_NAME = Comparator.comparing(m -> Names.key(m.name()));

    private final ObservableList<MemberInfo> users = FXCollections.observableArrayList();
    private final ObservableList<MemberInfo> readOnly = FXCollections.unmodifiableObservableList(users);
    private final ReadOnlyObjectWrapper<Instant> now;

    /** @param now the time "connected for" is counted to until the first {@link #tick} */
    public UsersModel(Instant now) {
        this.now = new ReadOnlyObjectWrapper<>(now);
    }

    public ObservableList<MemberInfo> users() {
        return readOnly;
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    void tick(Instant instant) {
        now.set(instant);
    }

    void reset(Collection<MemberInfo> members) {
        users.setAll(members);
        users.sort(BY_NAME);
    }

    /** A user signed in; one who signed in again from elsewhere replaces their old row. */
    void joined(MemberInfo member) {
        users.removeIf(u -> Names.key(u.name()).equals(Names.key(member.name())));
        int at = 0;
        while (at < users.size() && BY_NAME.compare(users.get(at), member) < 0) {
            at++;
        }
        users.add(at, member);
    }

    /** Removes exactly that session: the old session of a user who signed in again leaves after the new one. */
    void left(MemberInfo member) {
        users.remove(member);
    }

    void clear() {
        users.clear();
    }

    /** "42s", "3m 05s", "2h 10m": short enough for a narrow column. */
    public static String connectedFor(MemberInfo member, Instant now) {
        long seconds = Math.max(0, Duration.between(member.since(), now).toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%dd %02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }
}
