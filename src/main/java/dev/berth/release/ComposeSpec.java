package dev.berth.release;

import java.util.List;

/**
 * Which compose files and profiles make up the app. Empty lists mean "infer": the first of
 * {@code compose.yaml}, {@code compose.yml}, {@code docker-compose.yaml}, {@code docker-compose.yml}
 * at the release root, and no profile.
 *
 * @param files compose files relative to the release root, in {@code -f} order
 * @param profiles profiles to enable
 */
public record ComposeSpec(List<String> files, List<String> profiles) {

    public static final ComposeSpec INFERRED = new ComposeSpec(List.of(), List.of());

    public ComposeSpec {
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
    }
}
