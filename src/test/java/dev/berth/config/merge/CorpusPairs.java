package dev.berth.config.merge;

import dev.berth.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The same file in two consecutive releases of a corpus app, where it changed. */
record CorpusPairs(String app, String from, String to, String path, String base, String theirs) {

    @Override
    public String toString() {
        return app + "/" + path + " " + from + " -> " + to;
    }

    /** Every file matching {@code names} that changed between two consecutive releases of an app. */
    static List<CorpusPairs> changed(Predicate<String> names) {
        List<CorpusPairs> pairs = new ArrayList<>();
        for (Path app : Corpus.apps()) {
            List<Path> releases = list(app).stream()
                    .filter(Files::isDirectory)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), CorpusPairs::naturalOrder))
                    .toList();
            for (int i = 0; i + 1 < releases.size(); i++) {
                Path older = releases.get(i);
                Path newer = releases.get(i + 1);
                for (Path file : files(older)) {
                    String rel = older.relativize(file).toString().replace('\\', '/');
                    Path other = newer.resolve(rel);
                    if (!names.test(rel) || !Files.isRegularFile(other)) {
                        continue;
                    }
                    String base = read(file);
                    String theirs = read(other);
                    if (!base.equals(theirs)) {
                        pairs.add(new CorpusPairs(
                                app.getFileName().toString(),
                                older.getFileName().toString(),
                                newer.getFileName().toString(),
                                rel,
                                base,
                                theirs));
                    }
                }
            }
        }
        return pairs;
    }

    static boolean isYaml(String path) {
        return path.endsWith(".yml") || path.endsWith(".yaml");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Release names in version order: numbers compare as numbers ({@code stable-5390 < stable-11146}). */
    static int naturalOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int cmp = Long.compare(Long.parseLong(a.substring(si, i)), Long.parseLong(b.substring(sj, j)));
                if (cmp != 0) {
                    return cmp;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
