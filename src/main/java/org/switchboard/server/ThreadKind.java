package org.switchboard.server;

/** Which threads serve clients: virtual (the default) or one platform thread each (for comparison). */
public enum ThreadKind { VIRTUAL, PLATFORM }
