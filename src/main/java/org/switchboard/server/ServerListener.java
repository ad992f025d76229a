package org.switchboard.server;

/** Receives {@link ServerEvent}s on the thread that caused them: must be quick and must not block. */
@FunctionalInterface
public interface ServerListener {
    void onEvent(ServerEvent event);
}
