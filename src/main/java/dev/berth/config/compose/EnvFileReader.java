package dev.berth.config.compose;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an env file ({@code .env}, {@code env_file:}) into its effective key/value map, values
 * interpolated the way compose interpolates them.
 */
@FunctionalInterface
public interface EnvFileReader {
    /**
     * @param file the env file
     * @param lookup values of variables that the file's own {@code ${...}} references may use
     *     when the file does not set them itself
     * @return the variables the file sets, in file order (a later duplicate wins)
     * @throws dev.berth.config.ConfigException when the file cannot be read or parsed
     */
    Map<String, String> read(Path file, Function<String, Optional<String>> lookup);
}
