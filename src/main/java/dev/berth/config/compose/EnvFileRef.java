package dev.berth.config.compose;

import java.nio.file.Path;

/**
 * One {@code env_file} entry of a service.
 *
 * @param path the file, absolute
 * @param required whether a missing file is an error ({@code required: false} makes it optional)
 */
public record EnvFileRef(Path path, boolean required) {}
