package org.switchboard.chat;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * <p>Thread-safe. A line is formatted once and the same bytes are queued to every recipient; queuing
 * never blocks, so the room lock is never held across network I/O. The lock gives every member the
 * room's lines in one order, the same order as the history.
 */
public final class ChatRoom {
    private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();
    private final ReentrantLock order = new ReentrantLock();
    private final History history;
    private final Clock clock;
    private final ZoneId zone;
    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

    public ChatRoom(History history, Clock clock) {
        this.history = history;
        this.clock = clock;
        this.zone = clock.getZone();
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
            if (previous == null) {
                sendToAllBut(member, Protocol.lineBytes(Protocol.NOTICE_PREFIX + member.name() + " joined"));
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
            sendToAllBut(member, Protocol.lineBytes(Protocol.NOTICE_PREFIX + member.name() + " left"));
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

    /** An action line ({@code /me}) from a member to every other member, kept in the history. */
    public ChatLine act(Member from, String text) {
        return publish(from, new ChatLine(clock.instant(), ChatLine.Kind.ACTION, from.name(), text));
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

    /** A private line to one member; false when nobody of that name is online. */
    public boolean tell(Member from, String to, String text) {
        Member target = members.get(Names.key(to));
        if (target == null) {
            return false;
        }
        ChatLine line = new ChatLine(clock.instant(), ChatLine.Kind.MESSAGE, from.name() + " (private)", text);
        target.send(Protocol.lineBytes(line.display(zone)));
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

    private ChatLine publish(Member from, ChatLine line) {
        byte[] bytes = Protocol.lineBytes(line.display(zone));
        order.lock();
        try {
            history.append(line);
            sendToAllBut(from, bytes);
        } finally {
            order.unlock();
        }
        listeners.forEach(l -> l.said(line));
        return line;
    }

    private void sendToAllBut(Member except, byte[] bytes) {
        for (Member member : members.values()) {
            if (member != except) {
                member.send(bytes);
            }
        }
    }
}
