package dev.berth.docker.scan;

import dev.berth.docker.ContainerState;
import java.util.Locale;

/** A service's state: its container's state, or {@link #NOT_CREATED} for installs without containers. */
public enum ServiceState {
    RUNNING,
    RESTARTING,
    PAUSED,
    CREATED,
    EXITED,
    DEAD,
    REMOVING,
    UNKNOWN,
    NOT_CREATED;

    static ServiceState of(ContainerState s) {
        return switch (s) {
            case RUNNING -> RUNNING;
            case RESTARTING -> RESTARTING;
            case PAUSED -> PAUSED;
            case CREATED -> CREATED;
            case EXITED -> EXITED;
            case DEAD -> DEAD;
            case REMOVING -> REMOVING;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** Lower case, hyphenated: {@code not-created}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
