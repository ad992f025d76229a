package org.switchboard.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes: PBKDF2-HMAC-SHA256, a 16-byte random salt per hash, a 256-bit result,
 * encoded as {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (Base64). The iteration count is stored with
 * each hash, so raising it later leaves old hashes verifiable.
 *
 * <p>Thread-safe. Hashing is slow on purpose, so at most {@code concurrency} hashes run at once:
 * a flood of sign-ins queues here instead of starving chat traffic of CPU.
 */
public final class PasswordHasher {
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final Semaphore permits;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int iterations, int concurrency) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        this.iterations = iterations;
        this.permits = new Semaphore(Math.max(1, concurrency), true);
    }

    public int iterations() {
        return iterations;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    /** Constant-time check of {@code password} against an encoded hash; false for a malformed one. */
    public boolean verify(char[] password, String encoded) {
        String[] parts = encoded.split(":");
        if (!isWellFormed(encoded)) {
            return false;
        }
        int rounds = Integer.parseInt(parts[1]);
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] expected = base64.decode(parts[3]);
        byte[] actual = derive(password, base64.decode(parts[2]), rounds);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code encoded} has the shape {@link #hash} produces (used to validate users.txt). */
    public static boolean isWellFormed(String encoded) {
        String[] parts = encoded.split(":");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            Base64.getDecoder().decode(parts[2]);
            return rounds > 0 && Base64.getDecoder().decode(parts[3]).length == HASH_BITS / 8;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] derive(char[] password, byte[] salt, int rounds) {
        permits.acquireUninterruptibly();
        PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        } finally {
            spec.clearPassword();
            permits.release();
        }
    }

    static void wipe(char[] secret) {
        Arrays.fill(secret, '\0');
    }
}
