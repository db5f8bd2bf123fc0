package dev.berth.docker;

import java.util.Locale;

/** A container's state as the engine reports it. */
public enum ContainerState {
    CREATED,
    RUNNING,
    PAUSED,
    RESTARTING,
    REMOVING,
    EXITED,
    DEAD,
    UNKNOWN;

    /** From the engine's lower-case word ({@code running}, {@code exited}, ...). */
    public static ContainerState parse(String engineWord) {
        if (engineWord == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(engineWord.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** The engine's word, lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
