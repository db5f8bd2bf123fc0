package dev.berth.docker.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * An env variable whose value names a data folder, such as {@code DATA_DIR=./volumes}: a restore
 * in another place rewrites it.
 *
 * @param name the variable
 * @param value its value as written in the env file
 * @param path the value resolved against the working dir
 * @param sources the data bind sources at or under it
 */
public record DataVariable(String name, String value, Path path, List<Path> sources) {
    public DataVariable {
        sources = List.copyOf(sources);
    }
}
