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

/**
 * The one room everybody signed in is in: members by name (unique regardless of case), its events
 * (lines, joins and leaves) in one order, private messages and the history.
 *
 * <p>Thread-safe. Every line of the room goes once into its {@link RoomFeed}, which renders it once per
 * wire format and from which every member's connection reads it; a member's own events (its history
 * replay, private lines) go to the member, which renders them. Neither blocks, so the room lock is never
 * held across network I/O. The lock gives every member the room's lines in one order, the same order
 * as the history.
 *
 * <p>Join and leave notices are coalesced when people come and go faster than one per
 * {@link #PRESENCE_WINDOW}: the first is sent at once, the rest are gathered and sent as one summary
 * line ({@code * alice, bob and 38 others joined}) when the window has passed. Without that, ten
 * thousand people joining at once would cost fifty million notices.
 */
public final class ChatRoom {
    /** Notices of people joining or leaving come at most once per this window; the rest are summed up. */
    public static final Duration PRESENCE_WINDOW = Duration.ofSeconds(1);
    /** Names a summary notice lists before "and N others"; a crowd of more joins in one summary event. */
    public static final int SUMMARY_NAMES = 5;
    /** The operator's name in the room: its announcements and private lines come from it. */
    public static final String SERVER = "server";

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
    /** The room's lines, read by every member: the one way they go out. */
    private final RoomFeed feed = new RoomFeed();
    // presence notices waiting for the window to pass; guarded by the order lock
    private final List<Member> pendingJoins = new ArrayList<>();
    private final List<Member> pendingLeaves = new ArrayList<>();
    private long lastPresenceNanos = System.nanoTime() - PRESENCE_WINDOW.toNanos();
    private boolean presenceFlushScheduled;

    public ChatRoom(History history, Clock clock) {
        this.history = history;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** The room's lines, as every member reads them. */
    public RoomFeed feed() {
        return feed;
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
                member.send(new RoomEvent.Replayed(line));
            }
            previous = members.put(Names.key(member.name()), member);
            everyone = replaced(everyone, previous, member);
            if (previous != null) {
                leaveFeed(previous);
            }
            member.joinedFeed(feed, feed.subscribe(member.format()));
            // Back within the window in which the leave still waits: for the others nobody went or came, and
            // the leave must not reach the new session (an IRC client would take its own QUIT for its end).
            if (previous == null && !cancelPendingLeave(member)) {
                presence(member, pendingJoins, true);
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
            leaveFeed(member);
            presence(member, pendingLeaves, false);
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
        return act(from, text, true);
    }

    /**
     * An action line, to its sender too only when {@code backToSender}: an IRC client shows its own
     * action itself unless it asked for its lines back (echo-message).
     */
    public ChatLine act(Member from, String text, boolean backToSender) {
        return publish(backToSender ? null : from, new ChatLine(clock.instant(), ChatLine.Kind.ACTION, from.name(), text));
    }

    /** An announcement from the operator to everyone, kept in the history. */
    public ChatLine announce(String text) {
        return publish(null, new ChatLine(clock.instant(), ChatLine.Kind.ANNOUNCEMENT, SERVER, text));
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
        target.send(new RoomEvent.Private(now, from.name(), text));
        from.send(new RoomEvent.PrivateSent(now, target.name(), text));
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
        target.send(new RoomEvent.Private(clock.instant(), SERVER, text));
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
        order.lock();
        try {
            history.append(line);
            feed.append(except, new RoomEvent.Said(line));
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

    /**
     * A leave of {@code member}'s name still waiting for its window is dropped, and a join of the old
     * session still waiting goes out as the new one's (so that it is not told of its own coming). Under the
     * room's lock; true when there was such a leave.
     */
    private boolean cancelPendingLeave(Member member) {
        String key = Names.key(member.name());
        if (!pendingLeaves.removeIf(m -> Names.key(m.name()).equals(key))) {
            return false;
        }
        pendingJoins.replaceAll(m -> Names.key(m.name()).equals(key) ? member : m);
        return true;
    }

    /** A join or leave notice now, or gathered into the next summary when one went out recently. */
    private void presence(Member subject, List<Member> pending, boolean joined) {
        long now = System.nanoTime();
        if (!presenceFlushScheduled && now - lastPresenceNanos >= PRESENCE_WINDOW.toNanos()) {
            lastPresenceNanos = now;
            feed.append(subject, new RoomEvent.Presence(List.of(subject.name()), joined));
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
            flushPresence(pendingJoins, true);
            flushPresence(pendingLeaves, false);
        } finally {
            order.unlock();
        }
    }

    /**
     * A few gathered notices go out one by one as usual; a crowd becomes one summary line, which everyone
     * gets, those named in it too: one shared line instead of one per reader.
     */
    private void flushPresence(List<Member> pending, boolean joined) {
        if (pending.size() <= SUMMARY_NAMES) {
            for (Member member : pending) {
                feed.append(member, new RoomEvent.Presence(List.of(member.name()), joined));
            }
        } else {
            feed.append(null, new RoomEvent.Presence(pending.stream().map(Member::name).toList(), joined));
        }
        pending.clear();
    }

    /** {@code alice joined}, {@code alice, bob and carol joined}, {@code a, b, c, d, e and 95 others joined}. */
    public static String summary(List<String> names, String verb) {
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

    /** Under the order lock: the member reads no more of the feed. */
    private void leaveFeed(Member member) {
        member.leftFeed();
        feed.unsubscribe(member.format());
    }
}
