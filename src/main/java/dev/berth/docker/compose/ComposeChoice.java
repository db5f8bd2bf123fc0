package dev.berth.docker.compose;

/** Which compose to use. */
public enum ComposeChoice {
    /** v2 when present, else v1. */
    AUTO,
    /** Only v2 ({@code docker compose}, or a standalone {@code docker-compose} 2.x). */
    V2,
    /** Only v1 ({@code docker-compose} 1.x). */
    V1
}
