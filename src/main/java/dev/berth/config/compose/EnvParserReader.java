package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import dev.berth.config.env.EnvParser;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads env files with Berth's {@link EnvParser}, which follows compose's dotenv rules. */
public final class EnvParserReader implements EnvFileReader {
    @Override
    public Map<String, String> read(Path file, Function<String, Optional<String>> lookup) {
        try {
            return EnvParser.parse(file).resolve(lookup::apply);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "env file not found; check the path", e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "env file cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
