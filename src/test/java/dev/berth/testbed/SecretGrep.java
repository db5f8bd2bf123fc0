package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Looks for secrets in every file under a folder, for the tests that check Berth never writes a
 * secret where it should not: a secret may only be in an {@code .env} file of mode 0600, and
 * every backup archive ({@code *.berth}) must be 0600 (its contents are compressed, so they are
 * not searched).
 */
public final class SecretGrep {

    private static final String PRIVATE = "rw-------";

    /** What one search found: how many files it read and the files that hold a secret. */
    public record Result(int filesChecked, List<String> leaks) {}

    private SecretGrep() {}

    /**
     * Reads every regular file under {@code root} except those {@code skip} accepts (the app's own
     * records, the test's answers) and returns the files that hold one of {@code secrets}
     * where they may not. Fails at once on a backup archive that is not 0600.
     */
    public static Result files(Path root, Collection<String> secrets, Predicate<Path> skip) throws IOException {
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).filter(skip.negate()).toList()) {
                checked++;
                String name = f.getFileName().toString();
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                if (name.endsWith(".berth")) {
                    assertThat(mode).as("backup %s", f).isEqualTo(PRIVATE);
                } else if (holdsAny(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), secrets)
                        && !(name.equals(".env") && mode.equals(PRIVATE))) {
                    leaks.add(f + " (" + mode + ")");
                }
            }
        }
        return new Result(checked, leaks);
    }

    /** The first line of each text that holds one of {@code secrets}, for an assertion message. */
    public static List<String> lines(Collection<String> texts, Collection<String> secrets) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            text.lines().filter(l -> holdsAny(l, secrets)).findFirst().ifPresent(found::add);
        }
        return found;
    }

    private static boolean holdsAny(String text, Collection<String> secrets) {
        return secrets.stream().anyMatch(text::contains);
    }
}
