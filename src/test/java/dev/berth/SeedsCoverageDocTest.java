package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/seeds-coverage.md names tests (unit tests and ITs) that exist, and covers all five guides. */
class SeedsCoverageDocTest {

    static final List<String> PACKAGES = List.of(
            "dev.berth",
            "dev.berth.config",
            "dev.berth.config.env",
            "dev.berth.release",
            "dev.berth.release.apps",
            "dev.berth.engine",
            "dev.berth.backup",
            "dev.berth.docker",
            "dev.berth.testbed",
            "dev.berth.cli");

    static Optional<Class<?>> testClass(String simpleName) {
        for (String p : PACKAGES) {
            try {
                return Optional.of(Class.forName(p + "." + simpleName));
            } catch (ClassNotFoundException e) {
                // Not in this package; try the next.
            }
        }
        return Optional.empty();
    }

    @Test
    void everyTestTheCoverageTableNamesExists() throws IOException {
        String doc = Files.readString(Path.of("docs/seeds-coverage.md"));
        Matcher m = Pattern.compile("`([A-Z][A-Za-z0-9]+(?:Test|IT))(?:\\.([a-z][A-Za-z0-9]+))?`")
                .matcher(doc);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            Optional<Class<?>> c = testClass(m.group(1));
            if (c.isEmpty()) {
                missing.add(m.group(1));
                continue;
            }
            if (m.group(2) != null) {
                String method = m.group(2);
                boolean found = Arrays.stream(c.get().getDeclaredMethods())
                        .map(Method::getName)
                        .anyMatch(method::equals);
                if (!found) {
                    missing.add(m.group(1) + "." + method);
                }
            }
        }
        assertThat(named).isGreaterThan(40);
        assertThat(missing)
                .as("tests named in docs/seeds-coverage.md that do not exist")
                .isEmpty();
        for (String guide : List.of("## 000", "## 001", "## 002", "## 003", "## 004")) {
            assertThat(doc).contains(guide);
        }
        assertThat(doc).as("the engine planner exists now").doesNotContain("not yet — engine planner");
    }
}
