package org.switchboard.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Login tokens: 256 random bits, shown to the client once, stored only as {@code sha256:HASH}.
 * A fast hash is right here: unlike a password a token has all its entropy, so it cannot be guessed.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;
    private static final String PREFIX = "sha256:";

    private Tokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Letters and digits that cannot be mistaken for one another when read out or copied by hand. */
    private static final String READABLE = "abcdefghjkmnpqrstuvwxyz23456789";

    /**
     * A one-time password for the operator to pass on: {@code xxxx-xxxx-xxxx}, 12 characters of 31
     * (59 bits), enough for a password that signs in only once, to choose another.
     */
    public static String oneTimePassword() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                text.append('-');
            }
            text.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
        }
        return text.toString();
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison of two token hashes. */
    static boolean matches(String storedHash, String candidateHash) {
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                candidateHash.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isWellFormedHash(String hash) {
        if (!hash.startsWith(PREFIX)) {
            return false;
        }
        try {
            return Base64.getUrlDecoder().decode(hash.substring(PREFIX.length())).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
