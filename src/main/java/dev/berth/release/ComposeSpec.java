package dev.berth.release;

import java.util.List;

/**
 * Which compose files and profiles make up the app. Empty lists mean "infer": the first of
 * {@code compose.yaml}, {@code compose.yml}, {@code docker-compose.yaml}, {@code docker-compose.yml}
 * at the release root, and no profile.
 *
 * @param files compose files relative to the release root, in {@code -f} order
 * @param profiles profiles to enable
 * @param envFiles env files passed with {@code --env-file}, relative to the install folder; empty
 *     means compose's default, {@code .env} next to the first compose file
 */
public record ComposeSpec(List<String> files, List<String> profiles, List<String> envFiles) {

    public static final ComposeSpec INFERRED = new ComposeSpec(List.of(), List.of(), List.of());

    public ComposeSpec {
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
        envFiles = List.copyOf(envFiles);
    }
}
