package dev.berth.cli;

import dev.berth.config.ConfigException;
import dev.berth.config.env.EnvParser;
import dev.berth.config.merge.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Options shared by the commands that plan and run. */
final class RunOptions {
    @Option(
            names = "--answers",
            paramLabel = "FILE",
            description = "KEY=VALUE answers applied on top of the merged env files.")
    Path answers;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--json-events", description = "Print one JSON event per line on standard output.")
    boolean jsonEvents;

    @Option(names = "--image-mirror", paramLabel = "FROM=TO", description = "Pull images from a mirror (repeatable).")
    List<String> imageMirrors = List.of();

    @ArgGroup(exclusive = true)
    Conflicts conflicts;

    static final class Conflicts {
        @Option(names = "--keep-mine", description = "Resolve every conflict with your version.")
        boolean keepMine;

        @Option(names = "--take-theirs", description = "Resolve every conflict with the new release's version.")
        boolean takeTheirs;
    }

    Optional<ConflictPolicy> policy() {
        if (conflicts == null) {
            return Optional.empty();
        }
        return Optional.of(conflicts.keepMine ? ConflictPolicy.KEEP_MINE : ConflictPolicy.TAKE_THEIRS);
    }

    Map<String, String> answerValues() {
        if (answers == null) {
            return Map.of();
        }
        try {
            return EnvParser.parse(answers).values();
        } catch (IOException e) {
            throw new ConfigException(answers.toString(), "cannot read the answers file: " + e.getMessage(), e);
        }
    }
}
