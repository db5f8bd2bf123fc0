package dev.berth.release;

import dev.berth.config.ConfigException;

/** Helps the release layer's refusals keep what caused them. */
final class Refusals {
    private Refusals() {}

    /**
     * {@code refusal} with {@code cause} as its cause, for the log: {@link ConfigException}'s
     * constructor for a reason takes none.
     */
    static ConfigException because(ConfigException refusal, Throwable cause) {
        refusal.initCause(cause);
        return refusal;
    }
}
