package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    static final Path RELEASES = Path.of("demo/releases").toAbsolutePath();

    @TempDir
    Path tmp;

    private String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = BerthCommand.commandLine().execute(args);
            assertThat(code).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoReleasesShowRenamesImageChangesAndTextDiffs() {
        String s = run(
                "diff",
                "--from",
                RELEASES.resolve("1.1.0").toString(),
                "--to",
                RELEASES.resolve("2.0.0").toString());
        assertThat(s)
                .contains("renamed  APP_TITLE -> DEMO_TITLE")
                .contains("web: image berth-demo/web:1.1.0 -> berth-demo/web:2.0.0")
                .contains("+++ b/config/app/settings.yaml");
    }

    @Test
    void anInstallAgainstAReleaseShowsTheMergeAndMasksSecrets() throws Exception {
        Path install = tmp.resolve("demo");
        copy(RELEASES.resolve("1.0.0"), install);
        copy(RELEASES.resolve("1.0.0"), install.resolve(".berth/release"));
        Files.writeString(
                install.resolve(".env"),
                Files.readString(install.resolve(".env.example"))
                        .replace("DB_PASSWORD=", "DB_PASSWORD=hunter2-very-secret")
                        .replace("APP_TITLE=Berth demo", "APP_TITLE=Mine"));
        String s = run(
                "diff",
                "--install",
                install.toString(),
                "--release",
                RELEASES.resolve("1.1.0").toString(),
                "--json");
        assertThat(s).contains("\"path\" : \".env\"").contains("PAGE_SIZE").doesNotContain("hunter2-very-secret");
        assertThat(Files.readString(install.resolve(".env")))
                .as("diff writes nothing")
                .contains("APP_TITLE=Mine")
                .doesNotContain("PAGE_SIZE");
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
