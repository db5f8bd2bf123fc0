package dev.berth.docker.compose;

/** The two compose implementations, which differ in flags, output and labels. */
public enum ComposeGeneration {
    /** Python {@code docker-compose} 1.x: no {@code ls}, no {@code --wait}, no JSON output, relative config file labels. */
    V1,
    /** Go {@code docker compose} 2.x and later (plugin or standalone binary). */
    V2
}
