package org.switchboard.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.switchboard.protocol.Names;
import org.switchboard.protocol.Protocol;

/**
 * The one room everybody signed in is in: members by name (unique regardless of case), broadcast,
 * private messages and the history.
 *
 * <p>Thread-safe. A line is formatted once and the same bytes go to every recipient: queued to each
 * member in turn, or handed once to a {@link Fanout} that shares them. Neither blocks, so the room lock
 * is never held across network I/O. The lock gives every member the room's lines in one order, the
 * same order as the history.
 *
 * <p>Join and leave notices are coalesced when people come and go faster than one per
 * {@link #PRESENCE_WINDOW}: the first is sent at once, the rest are gathered and sent as one summary
 * line ({@code * alice, bob and 38 others joined}) when the window has passed. Without that, ten
 * thousand people joining at once would cost fifty million notices.
 */
public final class ChatRoom {
    /** Notices of people joining or leaving come at most once per this window; the rest are summed up. */
    public static final Duration PRESENCE_WINDOW = Duration.ofSeconds(1);
    /** Names a summary notice lists before "and N others". */
    static final int SUMMARY_NAMES = 5;

    private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();
    /**
     * The members as a plain array for the broadcast loop, rebuilt under the order lock when someone
     * joins or leaves: walking an array is cheaper than walking the map, and a room broadcasts far more
     * often than its membership changes.
     */
    private volatile Member[] everyone = new Member[0];
    private final ReentrantLock order = new ReentrantLock();
    private final History history;
    private final Clock clock;
    private final ZoneId zone;
    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();
    /** Delivers the room's lines when set; without one they are queued to each member in turn. */
    private final Fanout fanout;
    // presence notices waiting for the window to pass; guarded by the order lock
    private final List<Member> pendingJoins = new ArrayList<>();
    private final List<Member> pendingLeaves = new ArrayList<>();
    private long lastPresenceNanos = System.nanoTime() - PRESENCE_WINDOW.toNanos();
    private boolean presenceFlushScheduled;

    public ChatRoom(History history, Clock clock) {
        this(history, clock, null);
    }

    /** A room whose lines go out through {@code fanout} (null: queued to each member in turn). */
    public ChatRoom(History history, Clock clock, Fanout fanout) {
        this.history = history;
        this.clock = clock;
        this.zone = clock.getZone();
        this.fanout = fanout;
    }

    public ZoneId zone() {
        return zone;
    }

    public History history() {
        return history;
    }

    public void addListener(RoomListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RoomListener listener) {
        listeners.remove(listener);
    }

    /**
     * Adds a member. A member already signed in under that name is replaced: told and disconnected.
     * Everyone else hears that the newcomer joined (not on a replacement: for them nobody came or went).
     */
    public void join(Member member) {
        join(member, 0);
    }

    /**
     * Adds a member as {@link #join(Member)} does, first replaying the newest {@code replay} lines of the
     * history to it: under the room's lock, so that no line falls between the replay and the joining.
     */
    public void join(Member member, int replay) {
        Member previous;
        order.lock();
        try {
            for (ChatLine line : history.recent(replay)) {
                member.send(Protocol.lineBytes(line.display(zone)));
            }
            previous = members.put(Names.key(member.name()), member);
            everyone = replaced(everyone, previous, member);
            if (fanout != null) {
                if (previous != null) {
                    fanout.left(previous);
                }
                fanout.joined(member);
            }
            if (previous == null) {
                presence(member, pendingJoins, " joined");
            }
        } finally {
            order.unlock();
        }
        if (previous != null) {
            previous.disconnect("You signed in from another place; this session is closed.");
        }
        MemberInfo info = member.info();
        listeners.forEach(l -> l.joined(info));
    }

    /** Removes the member if it is still the one under its name; others hear it left. */
    public boolean leave(Member member, String reason) {
        order.lock();
        try {
            if (!members.remove(Names.key(member.name()), member)) {
                return false;
            }
            everyone = replaced(everyone, member, null);
            if (fanout != null) {
                fanout.left(member);
            }
            presence(member, pendingLeaves, " left");
        } finally {
            order.unlock();
        }
        MemberInfo info = member.info();
        listeners.forEach(l -> l.left(info, reason));
        return true;
    }

    /** A chat line from a member to every other member, kept in the history. */
    public ChatLine say(Member from, String text) {
        return publish(from, new ChatLine(clock.instant(), ChatLine.Kind.MESSAGE, from.name(), text));
    }

    /**
     * An action line ({@code /me}) from a member to everyone, the member too (who would otherwise never
     * see it), kept in the history once. It goes to the sender as a line of the room, so it stands in
     * the room's one order for the sender as for everybody else.
     */
    public ChatLine act(Member from, String text) {
        return publish(null, new ChatLine(clock.instant(), ChatLine.Kind.ACTION, from.name(), text));
    }

    /** An announcement from the operator to everyone, kept in the history. */
    public ChatLine announce(String text) {
        return publish(null, new ChatLine(clock.instant(), ChatLine.Kind.ANNOUNCEMENT, "server", text));
    }

    /** A notice line ({@code * text}) to everyone, not kept in the history. */
    public void notice(String text) {
        byte[] bytes = Protocol.lineBytes(Protocol.NOTICE_PREFIX + text);
        order.lock();
        try {
            sendToAllBut(null, bytes);
        } finally {
            order.unlock();
        }
    }

    /**
     * A private line to one member, and to its sender the confirmation {@code [12:04] → maxim: text}
     * (the name as registered, the same time); false when nobody of that name is online. Not kept in
     * the history, which holds the room's lines only.
     */
    public boolean tell(Member from, String to, String text) {
        Member target = members.get(Names.key(to));
        if (target == null) {
            return false;
        }
        Instant now = clock.instant();
        ChatLine line = new ChatLine(now, ChatLine.Kind.MESSAGE, from.name() + " (private)", text);
        target.send(Protocol.lineBytes(line.display(zone)));
        ChatLine confirmation = new ChatLine(now, ChatLine.Kind.MESSAGE, Protocol.PRIVATE_TO + target.name(),
                text);
        from.send(Protocol.lineBytes(confirmation.display(zone)));
        return true;
    }

    /**
     * A private line from the operator to one member, not kept in the history (a private line never is);
     * empty when nobody of that name is online.
     */
    public Optional<Member> tellFromServer(String to, String text) {
        Member target = members.get(Names.key(to));
        if (target == null) {
            return Optional.empty();
        }
        ChatLine line = new ChatLine(clock.instant(), ChatLine.Kind.MESSAGE, "server (private)", text);
        target.send(Protocol.lineBytes(line.display(zone)));
        return Optional.of(target);
    }

    public Optional<Member> find(String name) {
        return Optional.ofNullable(members.get(Names.key(name)));
    }

    /** The members, sorted by name. */
    public List<Member> members() {
        List<Member> list = new ArrayList<>(members.values());
        list.sort(Comparator.comparing(m -> Names.key(m.name())));
        return list;
    }

    public int size() {
        return members.size();
    }

    /** A line of the room to every member but {@code except} (null: to everyone), kept in the history. */
    private ChatLine publish(Member except, ChatLine line) {
        byte[] bytes = Protocol.lineBytes(line.display(zone));
        order.lock();
        try {
            history.append(line);
            sendToAllBut(except, bytes);
        } finally {
            order.unlock();
        }
        listeners.forEach(l -> l.said(line));
        return line;
    }

    /**
     * Up to {@code limit} names of members, sorted: all of them in a small room, and in a room larger
     * than that any {@code limit} of them. Picking the alphabetically first would mean comparing every
     * member on every join, 100 million comparisons in a storm of 10,000 joins.
     */
    public List<String> someNames(int limit) {
        Member[] all = everyone;
        List<String> names = new ArrayList<>(Math.min(limit, all.length));
        for (int i = 0; i < all.length && names.size() < limit; i++) {
            names.add(all[i].name());
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** A join or leave notice now, or gathered into the next summary when one went out recently. */
    private void presence(Member subject, List<Member> pending, String verb) {
        long now = System.nanoTime();
        if (!presenceFlushScheduled && now - lastPresenceNanos >= PRESENCE_WINDOW.toNanos()) {
            lastPresenceNanos = now;
            sendToAllBut(subject, Protocol.lineBytes(Protocol.NOTICE_PREFIX + subject.name() + verb));
            return;
        }
        pending.add(subject);
        if (!presenceFlushScheduled) {
            presenceFlushScheduled = true;
            long delay = lastPresenceNanos + PRESENCE_WINDOW.toNanos() - now;
            Thread.ofVirtual().name("presence-notices").start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(0, delay)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                flushPresence();
            });
        }
    }

    private void flushPresence() {
        order.lock();
        try {
            presenceFlushScheduled = false;
            lastPresenceNanos = System.nanoTime();
            flushPresence(pendingJoins, " joined");
            flushPresence(pendingLeaves, " left");
        } finally {
            order.unlock();
        }
    }

    /**
     * A few gathered notices go out one by one as usual; a crowd becomes one summary line, which everyone
     * gets, those named in it too: one shared line instead of one per reader.
     */
    private void flushPresence(List<Member> pending, String verb) {
        if (pending.size() <= SUMMARY_NAMES) {
            for (Member member : pending) {
                sendToAllBut(member, Protocol.lineBytes(Protocol.NOTICE_PREFIX + member.name() + verb));
            }
        } else {
            sendToAllBut(null, Protocol.lineBytes(Protocol.NOTICE_PREFIX
                    + summary(pending.stream().map(Member::name).toList(), verb)));
        }
        pending.clear();
    }

    /** {@code alice joined}, {@code alice, bob and carol joined}, {@code a, b, c, d, e and 95 others joined}. */
    static String summary(List<String> names, String verb) {
        int n = names.size();
        if (n == 1) {
            return names.get(0) + verb;
        }
        if (n <= SUMMARY_NAMES) {
            return String.join(", ", names.subList(0, n - 1)) + " and " + names.get(n - 1) + verb;
        }
        return String.join(", ", names.subList(0, SUMMARY_NAMES)) + " and " + (n - SUMMARY_NAMES) + " others"
                + verb;
    }

    /**
     * A copy of {@code array} with {@code old} replaced by {@code now}: appended when {@code old} is
     * null, removed when {@code now} is. A copy, not a change, as the broadcast may be reading the old one.
     */
    private static Member[] replaced(Member[] array, Member old, Member now) {
        int at = -1;
        if (old != null) {
            for (int i = 0; i < array.length; i++) {
                if (array[i] == old) {
                    at = i;
                    break;
                }
            }
        }
        if (at < 0) {
            if (now == null) {
                return array;
            }
            Member[] grown = Arrays.copyOf(array, array.length + 1);
            grown[array.length] = now;
            return grown;
        }
        if (now != null) {
            Member[] copy = array.clone();
            copy[at] = now;
            return copy;
        }
        Member[] shrunk = new Member[array.length - 1];
        System.arraycopy(array, 0, shrunk, 0, at);
        System.arraycopy(array, at + 1, shrunk, at, array.length - at - 1);
        return shrunk;
    }

    private void sendToAllBut(Member except, byte[] bytes) {
        if (fanout != null) {
            fanout.toAllBut(except, bytes);
            return;
        }
        for (Member member : everyone) {
            if (member != except) {
                member.send(bytes);
            }
        }
    }
}
