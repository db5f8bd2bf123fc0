package dev.berth.release.apps;

import dev.berth.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the citations of built-in profiles ({@code seeds/FILE:LINE}, {@code
 * corpus/APP/RELEASE/PATH[:FROM[-TO]]}) to the lines they name, in the shared test bed.
 */
final class Sources {
    private Sources() {}

    private static final Pattern CITATION = Pattern.compile("(seeds|corpus)/([^\\s:]+)(?::(\\d+)(?:-(\\d+))?)?");

    /**
     * What a citation names.
     *
     * @param file the file
     * @param from first line (1-based), 0 for the whole file
     * @param to last line, 0 for the whole file
     */
    record Cited(Path file, int from, int to) {
        /** The cited lines, joined with new lines; the whole file when no line is given. */
        String text() {
            List<String> lines = lines(file);
            if (from == 0) {
                return String.join("\n", lines);
            }
            return String.join("\n", lines.subList(from - 1, Math.min(to, lines.size())));
        }
    }

    static Path seeds() {
        return Corpus.root().getParent().resolve("seeds");
    }

    static Optional<Cited> resolve(String citation) {
        Matcher m = CITATION.matcher(citation);
        if (!m.matches()) {
            return Optional.empty();
        }
        Path base = m.group(1).equals("seeds") ? seeds() : Corpus.root();
        Path file = base.resolve(m.group(2)).normalize();
        int from = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int to = m.group(4) == null ? from : Integer.parseInt(m.group(4));
        return Optional.of(new Cited(file, from, to));
    }

    static List<String> lines(Path file) {
        try {
            return List.of(Files.readString(file, StandardCharsets.UTF_8).split("\r?\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** White space runs as one space, so that a quote may wrap in the profile's YAML. */
    static String squash(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
