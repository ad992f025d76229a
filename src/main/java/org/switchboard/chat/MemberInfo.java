package org.switchboard.chat;

import java.time.Instant;

/**
 * A snapshot of a member for display: name, address, since when it is signed in, and what it connects
 * with ({@code line}, {@code line+TLS}, {@code IRC}, {@code IRC+TLS}: the server's word, as it is shown).
 */
public record MemberInfo(String name, String address, Instant since, String protocol) { }
