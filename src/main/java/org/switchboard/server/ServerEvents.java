package org.switchboard.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.chat.ChatLine;
import org.switchboard.chat.ChatRoom;
import org.switchboard.chat.MemberInfo;
import org.switchboard.chat.RoomListener;
import org.switchboard.log.ActivityLog;

/**
 * The server's observers (the console, the panel) and what they are told: lifecycle changes, and the
 * room's joins, leaves and lines, with the counters the status shows. Events are delivered on the
 * thread that caused them; an observer that fails is logged and skipped.
 */
final class ServerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ServerEvents.class);

    private final List<ServerListener> observers = new CopyOnWriteArrayList<>();
    private final ActivityLog log;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicInteger peakOnline = new AtomicInteger();

    ServerEvents(ActivityLog log) {
        this.log = log;
    }

    void add(ServerListener observer) {
        observers.add(observer);
    }

    void remove(ServerListener observer) {
        observers.remove(observer);
    }

    long messages() {
        return messages.get();
    }

    int peakOnline() {
        return peakOnline.get();
    }

    void fire(ServerEvent event) {
        for (ServerListener observer : observers) {
            try {
                observer.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("a server observer failed on {}", event, e);
            }
        }
    }

    /** Listens to {@code room}: its happenings become server events, counted, and leaves are logged. */
    void watch(ChatRoom room) {
        room.addListener(new RoomListener() {
            @Override
            public void joined(MemberInfo member) {
                peakOnline.accumulateAndGet(room.size(), Math::max);
                fire(new ServerEvent.UserJoined(member));
            }

            @Override
            public void left(MemberInfo member, String reason) {
                log.info(member.name() + " (" + member.address() + ") " + reason);
                fire(new ServerEvent.UserLeft(member, reason));
            }

            @Override
            public void said(ChatLine line) {
                messages.incrementAndGet();
                fire(new ServerEvent.Message(line));
            }
        });
    }
}
