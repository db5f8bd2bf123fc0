package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The demo releases are consistent without running anything: names, versions, documented
 * variables, config versions, and code that runs on the official images as well as the stand-ins.
 */
class DemoReleasesTest {
    static final List<String> VERSIONS = DockerTestBed.DEMO_VERSIONS;

    /**
     * Modules the demo's Perl may use: those of Debian's perl-base, which every Debian-based
     * postgres:15 image has (the official one included), unlike the full perl package.
     */
    private static final Set<String> PERL_BASE_MODULES =
            Set.of("strict", "warnings", "IO::Socket::INET", "File::Path", "File::Temp", "POSIX");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void releaseHasItsFilesAndItsManifestNamesIt(String version) throws IOException {
        Path r = DockerTestBed.demoRelease(version);
        for (String f : List.of(
                "docker-compose.yml",
                ".env.example",
                "berth.yaml",
                "RELEASE-NOTES.md",
                "web/Dockerfile",
                "db/Dockerfile")) {
            assertThat(r.resolve(f)).as(version + "/" + f).isRegularFile();
        }
        Map<String, Object> manifest = yaml(r.resolve("berth.yaml"));
        assertThat(manifest.get("app")).isEqualTo("berth-demo");
        assertThat(manifest.get("version")).isEqualTo(version);
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void imagesArePinnedToTheReleaseAndMayComeFromARegistry(String version) throws IOException {
        String compose = Files.readString(DockerTestBed.demoRelease(version).resolve("docker-compose.yml"));
        List<String> images = compose.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("image:"))
                .map(l -> l.substring("image:".length()).strip())
                .toList();
        assertThat(images)
                .isNotEmpty()
                .allSatisfy(image -> assertThat(image)
                        .matches("\\$\\{BERTH_DEMO_REGISTRY:-}berth-demo/(web|db):" + Pattern.quote(version)));
        assertThat(compose).contains("\"127.0.0.1:${WEB_PORT:-8080}:8080\"");
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void buildContextsStartFromTheOfficialBaseNames(String version) throws IOException {
        try (Stream<Path> s = Files.find(DockerTestBed.demoRelease(version), 3, (p, a) -> p.endsWith("Dockerfile"))) {
            for (Path dockerfile : s.toList()) {
                List<String> from = Files.readAllLines(dockerfile).stream()
                        .filter(l -> l.startsWith("FROM "))
                        .toList();
                assertThat(from)
                        .as(dockerfile.toString())
                        .isNotEmpty()
                        .allMatch(l -> l.equals("FROM postgres:15") || l.equals("FROM busybox:1.36"));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void everyVariableIsDocumentedInTheTemplateAndTheManifest(String version) throws IOException {
        Path r = DockerTestBed.demoRelease(version);
        List<String> template = Files.readAllLines(r.resolve(".env.example"));
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < template.size(); i++) {
            Matcher m = Pattern.compile("^#? ?([A-Z][A-Z0-9_]*)=").matcher(template.get(i));
            if (m.find()) {
                keys.add(m.group(1));
                if (!template.get(i).startsWith("#")) {
                    assertThat(template.get(i - 1))
                            .as(version + "/.env.example: " + m.group(1) + " has a comment above it")
                            .startsWith("#");
                }
            }
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(Files.readString(r.resolve("docker-compose.yml")));
        while (m.find()) {
            used.add(m.group(1));
        }
        used.remove("BERTH_DEMO_REGISTRY");
        assertThat(keys).as("keys of .env.example").containsAll(used);
        @SuppressWarnings("unchecked")
        Map<String, Object> env =
                (Map<String, Object>) yaml(r.resolve("berth.yaml")).get("env");
        assertThat(keys).as("every berth.yaml env entry is in .env.example").containsAll(env.keySet());
        assertThat(env.keySet()).as("every .env.example key is in berth.yaml").containsAll(keys);
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void configVersionOfTheManifestIsTheOneTheAppDemands(String version) throws IOException {
        Path r = DockerTestBed.demoRelease(version);
        @SuppressWarnings("unchecked")
        Map<String, Object> rule =
                (Map<String, Object>) yaml(r.resolve("berth.yaml")).get("config_version");
        Path file = r.resolve((String) rule.get("file"));
        assertThat(Files.readAllLines(file)).contains(rule.get("key") + ": " + rule.get("value"));
        String server = Files.readString(r.resolve("web/server.pl"));
        assertThat(server)
                .contains("my $CONFIG_FILE    = '/app/" + rule.get("file") + "';")
                .contains("my $CONFIG_VERSION = " + rule.get("value") + ";");
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void perlUsesOnlyModulesOfPerlBaseAndScriptsAreExecutable(String version) throws IOException {
        Path web = DockerTestBed.demoRelease(version).resolve("web");
        List<String> modules = new ArrayList<>();
        try (Stream<Path> s = Files.list(web)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".pl") || name.endsWith(".sh")) {
                    assertThat(Files.isExecutable(p)).as(p + " is executable").isTrue();
                }
                if (name.endsWith(".pl")) {
                    Matcher m = Pattern.compile("(?m)^use ([A-Za-z:]+)").matcher(Files.readString(p));
                    while (m.find()) {
                        modules.add(m.group(1));
                    }
                }
            }
        }
        assertThat(modules).isNotEmpty().allMatch(PERL_BASE_MODULES::contains);
    }

    @SuppressWarnings("unchecked")
    @org.junit.jupiter.api.Test
    void release200RenamesRemovesAndRequiresTheStopAt110() throws IOException {
        Map<String, Object> manifest = yaml(DockerTestBed.demoRelease("2.0.0").resolve("berth.yaml"));
        assertThat(((Map<String, Object>) manifest.get("upgrade")).get("stops")).isEqualTo(List.of("1.1"));
        Map<String, Object> env = (Map<String, Object>) manifest.get("env");
        assertThat(((Map<String, Object>) env.get("DEMO_TITLE")).get("renamed_from"))
                .isEqualTo("APP_TITLE");
        assertThat(env).doesNotContainKeys("APP_TITLE", "LOG_LEVEL");
        assertThat(Files.readString(DockerTestBed.demoRelease("1.1.0").resolve(".env.example")))
                .contains("\nAPP_TITLE=")
                .contains("\nLOG_LEVEL=")
                .contains("\nPAGE_SIZE=50\n");
        assertThat(Files.readString(DockerTestBed.demoRelease("2.0.0").resolve(".env.example")))
                .contains("\nDEMO_TITLE=")
                .doesNotContain("APP_TITLE=")
                .doesNotContain("LOG_LEVEL")
                .contains("\nPAGE_SIZE=100\n");
        assertThat(DockerTestBed.demoRelease("2.0.0").resolve("config/app.yaml"))
                .doesNotExist();
        assertThat(DockerTestBed.demoRelease("2.0.0").resolve("config/app/settings.yaml"))
                .isRegularFile();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }
}
