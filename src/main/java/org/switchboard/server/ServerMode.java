package org.switchboard.server;

/** What the server does with a client: the chat (sign-in, room) or the assignment's first task, echo. */
public enum ServerMode { CHAT, ECHO }
