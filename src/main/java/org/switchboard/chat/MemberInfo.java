package org.switchboard.chat;

import java.time.Instant;

/** A snapshot of a member for display: name, address and since when it is signed in. */
public record MemberInfo(String name, String address, Instant since) { }
