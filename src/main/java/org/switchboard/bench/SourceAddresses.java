package org.switchboard.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Spreads clients over loopback source addresses 127.0.x.y (x 0-255, y 1-254; every one of them reaches
 * the local host on Linux), so that a server's per-address cap counts a few clients per address.
 */
final class SourceAddresses {
    /** How many distinct addresses there are to spread over. */
    static final int CAPACITY = 256 * 254;

    private SourceAddresses() {
    }

    /** The source address of client {@code index} when {@code perAddress} clients share one. */
    static InetAddress forClient(int index, int perAddress) {
        int slot = index / perAddress;
        if (index < 0 || slot >= CAPACITY) {
            throw new IllegalArgumentException("no loopback address left for client " + index);
        }
        byte[] bytes = {127, 0, (byte) (slot / 254), (byte) (1 + slot % 254)};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
