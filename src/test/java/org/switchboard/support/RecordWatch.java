package org.switchboard.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A plain socket to put under an SSLSocket that notes the type of each TLS record coming in, so that a
 * test can tell a close_notify alert from a bare close (the JDK's SSLSocket reads both as the end).
 * Use TLS 1.2, whose record headers say in clear which record is an alert (1.3 hides it).
 */
public final class RecordWatch extends Socket {
    /** The record type of an alert (close_notify is one). */
    public static final int ALERT_RECORD = 21;

    private volatile int lastRecordType = -1;
    private final byte[] header = new byte[5];
    private int inHeader;
    private int bodyLeft;

    /** The type of the last record whose header came in, -1 before any. */
    public int lastRecordType() {
        return lastRecordType;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new FilterInputStream(super.getInputStream()) {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = super.read(bytes, offset, length);
                for (int i = 0; i < n; i++) {
                    see(bytes[offset + i]);
                }
                return n;
            }
        };
    }

    private void see(byte b) {
        if (bodyLeft > 0) {
            bodyLeft--;
            return;
        }
        header[inHeader++] = b;
        if (inHeader == header.length) {
            lastRecordType = header[0] & 0xff;
            bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            inHeader = 0;
        }
    }
}
