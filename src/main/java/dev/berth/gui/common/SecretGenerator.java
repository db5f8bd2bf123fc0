package dev.berth.gui.common;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Random secrets for passwords and keys in {@code .env} files. Letters and digits only: they
 * survive unquoted in env files, compose interpolation ({@code $}), shells and URLs; 32 of them
 * carry about 190 bits.
 */
public final class SecretGenerator {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;
    public static final int DEFAULT_LENGTH = 32;
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final RandomGenerator random;

    public SecretGenerator(RandomGenerator random) {
        this.random = random;
    }

    public static SecretGenerator secure() {
        return new SecretGenerator(new SecureRandom());
    }

    /** A secret of {@code length} characters ({@value #MIN_LENGTH}..{@value #MAX_LENGTH}). */
    public String generate(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "secret length " + length + " is outside " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
