package org.switchboard.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate's SHA-256 fingerprint as the server prints it and the client pins it: {@code SHA256:}
 * and the digest of its DER bytes in colon-separated hex, as {@code openssl x509 -fingerprint -sha256}
 * shows it. Stateless.
 */
public final class Fingerprints {
    public static final String PREFIX = "SHA256:";

    private Fingerprints() {
    }

    public static String sha256(byte[] der) {
        try {
            return PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The same fingerprint however it was typed (case, with or without colons); null when it is none. */
    public static String normalise(String typed) {
        String text = typed.strip();
        if (text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            text = text.substring(PREFIX.length());
        }
        String hex = text.replace(":", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            return null;
        }
        return PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }
}
