package dev.berth.docker.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What every compose call of one install passes, so that no call depends on the current folder or
 * on {@code COMPOSE_*} variables.
 *
 * @param name the project name ({@code -p}); always given, since installs started with {@code -p}
 *     are only found under that name
 * @param files the compose files, in order ({@code -f}); empty for compose's own default lookup
 * @param directory the project directory ({@code --project-directory}), also the working directory;
 *     relative paths in the files resolve against it (compose's rule), as when the install was started
 * @param envFile the env file ({@code --env-file}); compose's default {@code .env} when empty
 * @param profiles profiles to enable ({@code --profile})
 */
public record ComposeTarget(
        String name, List<Path> files, Path directory, Optional<Path> envFile, List<String> profiles) {
    public ComposeTarget {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a compose project needs a name");
        }
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
    }

    /** A project with default files, env file and no profiles. */
    public static ComposeTarget of(String name, Path directory) {
        return new ComposeTarget(name, List.of(), directory, Optional.empty(), List.of());
    }
}
