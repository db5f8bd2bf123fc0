package dev.berth.config.compose;

import dev.berth.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The compose files of the corpus and the env file each one is used with. */
final class ComposeCorpusFiles {
    private static final List<String> ENV_NAMES = List.of(".env", ".env.example", "env.example", ".env.sample");

    private ComposeCorpusFiles() {}

    /** YAML files (also {@code *.yml.example}) with a top-level {@code services:} key. */
    static List<Path> all() {
        return Corpus.files((p, a) -> p.getFileName().toString().matches(".*\\.ya?ml(\\.example)?$") && isCompose(p));
    }

    private static boolean isCompose(Path p) {
        try {
            return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("services:"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The release folder ({@code corpus/<app>/<snapshot>}) of a corpus file. */
    static Path release(Path file) {
        Path rel = Corpus.root().relativize(file);
        return Corpus.root().resolve(rel.getName(0)).resolve(rel.getName(1));
    }

    /** The env template nearest to the file, up to its release folder. */
    static Optional<Path> envFile(Path file) {
        Path release = release(file);
        for (Path d = file.getParent(); d != null && d.startsWith(release); d = d.getParent()) {
            for (String n : ENV_NAMES) {
                if (Files.isRegularFile(d.resolve(n))) {
                    return Optional.of(d.resolve(n));
                }
            }
        }
        return Optional.empty();
    }

    static String name(Path file) {
        return Corpus.root().relativize(file).toString();
    }
}
