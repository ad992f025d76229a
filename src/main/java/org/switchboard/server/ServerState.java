package org.switchboard.server;

/** The server's lifecycle: STOPPED → LISTENING ⇄ PAUSED → STOPPED (and it may start again). */
public enum ServerState { STOPPED, LISTENING, PAUSED }
