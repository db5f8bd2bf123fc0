package dev.berth.docker.scan;

import java.nio.file.Path;
import java.util.Locale;

/** Compose's default project names, so that installs started with {@code -p} stand out. */
final class ProjectNames {
    private ProjectNames() {}

    /** v1: lower case, only {@code [-_a-z0-9]} kept. */
    static String normalizeV1(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^-_a-z0-9]", "");
    }

    /** v2 (compose-go): lower case, only {@code [a-z0-9_-]} kept, no leading {@code _} or {@code -}. */
    static String normalizeV2(String name) {
        return normalizeV1(name).replaceFirst("^[_-]+", "");
    }

    /** Whether {@code project} is what compose names a project in {@code folder} by default (either generation). */
    static boolean isDefaultFor(String project, Path folder) {
        Path name = folder.getFileName();
        if (name == null) {
            return false;
        }
        return project.equals(normalizeV1(name.toString())) || project.equals(normalizeV2(name.toString()));
    }

    /** The name compose v2 gives a project in {@code folder} without {@code -p}. */
    static String defaultFor(Path folder) {
        Path name = folder.getFileName();
        return name == null ? "" : normalizeV2(name.toString());
    }
}
