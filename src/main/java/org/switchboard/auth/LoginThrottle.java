package org.switchboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.switchboard.protocol.Names;

/**
 * Locks a name after too many wrong passwords: {@code failures} within {@code window} lock it for
 * {@code lockout}. Counting is per name, not per connection, so reconnecting does not reset it, and a
 * locked name is refused before any password is hashed, so guessing costs the server nothing.
 *
 * <p>Only names that exist are counted (a wrong password needs a known name), so the map is bounded by
 * the number of registered users. Thread-safe: one lock, held only for map updates.
 */
public final class LoginThrottle {
    /**
     * The rule; {@code failures == 0} switches the throttle off. Only what makes a rule at all is checked
     * here: the server's default and the range of each number are {@code ServerConfig}'s.
     */
    public record Policy(int failures, Duration window, Duration lockout) {
        public static final Policy OFF = new Policy(0, Duration.ZERO, Duration.ZERO);

        public Policy {
            Objects.requireNonNull(window);
            Objects.requireNonNull(lockout);
            if (failures < 0) {
                throw new IllegalArgumentException("login failures cannot be negative, not " + failures);
            }
            if (failures > 0 && (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero())) {
                throw new IllegalArgumentException("the login window and lockout must be positive");
            }
        }

        public boolean enabled() {
            return failures > 0;
        }
    }

    private final Policy policy;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Record> records = new HashMap<>();

    /** Failure times within the window, and when a lock (if any) ends. */
    private static final class Record {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
    }

    public LoginThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public Policy policy() {
        return policy;
    }

    /** How much longer the name stays locked; empty when it is not locked. */
    public Optional<Duration> lockedFor(String name) {
        if (!policy.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        lock.lock();
        try {
            Record record = records.get(Names.key(name));
            if (record == null || !now.isBefore(record.lockedUntil)) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, record.lockedUntil));
        } finally {
            lock.unlock();
        }
    }

    /** Counts a wrong password; true when this one locked the name. */
    public boolean failed(String name) {
        if (!policy.enabled()) {
            return false;
        }
        Instant now = clock.instant();
        lock.lock();
        try {
            Record record = records.computeIfAbsent(Names.key(name), k -> new Record());
            Instant windowStart = now.minus(policy.window());
            while (!record.failures.isEmpty() && !record.failures.peekFirst().isAfter(windowStart)) {
                record.failures.removeFirst();
            }
            record.failures.addLast(now);
            if (record.failures.size() >= policy.failures()) {
                record.failures.clear();
                record.lockedUntil = now.plus(policy.lockout());
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** A right password forgets the name's earlier failures. */
    public void succeeded(String name) {
        lock.lock();
        try {
            records.remove(Names.key(name));
        } finally {
            lock.unlock();
        }
    }
}
