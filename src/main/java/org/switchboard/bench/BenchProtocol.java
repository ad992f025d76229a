package org.switchboard.bench;

/** What the bench's clients speak: Switchboard's chat protocol, or IRC for comparison with an IRC server. */
public enum BenchProtocol { CHAT, IRC }
