package dev.berth.docker.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Bind-mounted data grouped under one folder.
 *
 * @param path the root, absolute
 * @param placement inside the working dir or elsewhere
 * @param display {@code ./volumes} inside the working dir, the absolute path elsewhere
 * @param sources the bind sources under it
 * @param bytes its size, when measured
 * @param measuredBy how the size was measured
 */
public record DataRoot(
        Path path, Placement placement, String display, List<Path> sources, OptionalLong bytes, SizeSource measuredBy) {
    public DataRoot {
        sources = List.copyOf(sources);
    }

    /** Where the data lives relative to the install. */
    public enum Placement {
        UNDER_WORKING_DIR,
        ELSEWHERE
    }

    /** A copy with a size. */
    DataRoot withSize(OptionalLong size, SizeSource source) {
        return new DataRoot(path, placement, display, sources, size, source);
    }
}
