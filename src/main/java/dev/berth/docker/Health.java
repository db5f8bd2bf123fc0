package dev.berth.docker;

import java.util.Locale;

/** A container's healthcheck status; {@link #NONE} when the image and service define none. */
public enum Health {
    HEALTHY,
    UNHEALTHY,
    STARTING,
    NONE;

    /** From the engine's word ({@code healthy}, {@code unhealthy}, {@code starting}, {@code none}). */
    public static Health parse(String engineWord) {
        if (engineWord == null || engineWord.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(engineWord.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    /** The engine's word, lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
