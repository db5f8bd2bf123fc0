package dev.berth.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic golden cases for what the corpus lacks. Each cites the section of the compose
 * specification (https://github.com/compose-spec/compose-spec) it checks.
 */
class ComposeLoaderTest {
    @TempDir
    Path dir;

    /** Variables come from the options, so these cases need no env file parser. */
    private ComposeProject load(Map<String, String> vars, String... files) {
        List<Path> paths = java.util.Arrays.stream(files).map(dir::resolve).toList();
        ProjectOptions options = ProjectOptions.of(dir).withFiles(paths).withProcessEnvironment(vars);
        return new ComposeLoader(ComposeLoaderTest::noEnvFiles).load(options);
    }

    static Map<String, String> noEnvFiles(
            Path file, java.util.function.Function<String, java.util.Optional<String>> l) {
        throw new AssertionError("no env file expected here: " + file);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static Map<?, ?> service(ComposeProject p, String name) {
        return (Map<?, ?>) ((Map<?, ?>) p.tree().get("services")).get(name);
    }

    @Test
    void anchorsMergeKeysAndExtensionFieldsResolve() throws IOException {
        // 10-fragments.md (anchors, merge keys) and 11-extension.md (x-* fields)
        write("compose.yaml", """
                x-env: &env
                  A: "1"
                  B: "2"
                services:
                  web: &web
                    image: nginx
                    environment:
                      <<: *env
                      B: "3"
                  worker:
                    <<: *web
                    image: worker
                """);
        ComposeProject p = load(Map.of(), "compose.yaml");
        assertThat(p.tree()).doesNotContainKey("x-env");
        assertThat(p.model().service("web").orElseThrow().environment())
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "3"));
        assertThat(p.model().service("worker").orElseThrow().image()).contains("worker");
        assertThat(p.model().service("worker").orElseThrow().environment()).containsEntry("B", "3");
    }

    @Test
    void duplicateKeyIsRefusedWithFileAndLine() throws IOException {
        // YAML 1.2 (3.2.1.1): mapping keys are unique; compose refuses duplicates
        write("compose.yaml", "services:\n  web:\n    image: a\n    image: b\n");
        assertThatThrownBy(() -> load(Map.of(), "compose.yaml")).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.source()).hasValueSatisfying(s -> assertThat(s).endsWith("compose.yaml"));
            assertThat(e.getMessage()).contains("duplicate key \"image\"").contains("first defined at line 3");
        });
    }

    @Test
    void requiredVariableStopsTheLoadNamingVariableFileAndLine() throws IOException {
        // 12-interpolation.md: ${VAR?err} exits with an error message containing err if VAR is unset
        write(
                "compose.yaml",
                "services:\n  web:\n    image: nginx\n    environment:\n      - TOKEN=${TOKEN?set the api token}\n");
        assertThatThrownBy(() -> load(Map.of(), "compose.yaml"))
                .isInstanceOfSatisfying(MissingVariableException.class, e -> {
                    assertThat(e.variable()).isEqualTo("TOKEN");
                    assertThat(e.reason()).isEqualTo("set the api token");
                    assertThat(e.line()).isEqualTo(5);
                });
        assertThat(load(Map.of("TOKEN", ""), "compose.yaml")
                        .model()
                        .service("web")
                        .orElseThrow()
                        .environment())
                .containsEntry("TOKEN", "");
    }

    @Test
    void alternativeValuesFollowTheSpec() throws IOException {
        // 12-interpolation.md: ${VAR:+replacement} and ${VAR+replacement}
        write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    environment:
                      SET_NONEMPTY: ${A:+yes}
                      SET_EMPTY: ${E:+yes}
                      SET_EMPTY_PLUS: ${E+yes}
                      UNSET_PLUS: ${U+yes}
                      NESTED: ${U:-${V:-deep}}
                      DOLLAR: $$HOME
                """);
        ComposeProject p = load(Map.of("A", "x", "E", ""), "compose.yaml");
        assertThat(p.model().service("web").orElseThrow().environment())
                .containsEntry("SET_NONEMPTY", "yes")
                .containsEntry("SET_EMPTY", "")
                .containsEntry("SET_EMPTY_PLUS", "yes")
                .containsEntry("UNSET_PLUS", "")
                .containsEntry("NESTED", "deep")
                .containsEntry("DOLLAR", "$HOME");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void unsetVariableBecomesBlankWithAWarning() throws IOException {
        // 12-interpolation.md: "it displays a warning and substitutes the variable with an empty string"
        write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n");
        ComposeProject p = load(Map.of(), "compose.yaml");
        assertThat(p.model().service("web").orElseThrow().image()).contains("nginx:");
        assertThat(p.warnings()).contains("The \"TAG\" variable is not set. Defaulting to a blank string.");
    }

    @Test
    void keysAreNotInterpolated() throws IOException {
        // 12-interpolation.md: "Interpolation applies only to YAML values, not to keys"
        write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    labels:
                      "$$NOT_A_KEY": "${V}"
                      - placeholder
                """.replace("      - placeholder\n", ""));
        ComposeProject p = load(Map.of("V", "value"), "compose.yaml");
        assertThat(p.model().service("web").orElseThrow().labels()).containsEntry("$$NOT_A_KEY", "value");
    }

    @Test
    void filesMergeWithTheMergeRules() throws IOException {
        // 13-merge.md: mappings merge, sequences append, command replaced, unique resources by key
        write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    command: ["echo", "foo"]
                    environment: [A=1, B=2]
                    ports: ["8080:80"]
                    volumes: ["foo:/work", "./a:/a"]
                    dns: [1.1.1.1]
                    labels: {one: "1"}
                volumes:
                  foo: {}
                  bar: {}
                """);
        write("compose.override.yaml", """
                services:
                  web:
                    command: ["echo", "bar"]
                    environment: {B: "3", C: "4"}
                    ports: ["8080:80", "9090:90"]
                    volumes: ["bar:/work"]
                    dns: [8.8.8.8]
                    labels: [two=2]
                """);
        ComposeProject p = load(Map.of(), "compose.yaml", "compose.override.yaml");
        ComposeService web = p.model().service("web").orElseThrow();
        assertThat(web.command()).contains(List.of("echo", "bar"));
        assertThat(web.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "3"), Map.entry("C", "4"));
        assertThat(web.ports()).extracting(PortMapping::published).containsExactly("8080", "9090");
        assertThat(web.volumes())
                .extracting(VolumeMount::target, VolumeMount::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/work", "bar"),
                        org.assertj.core.groups.Tuple.tuple(
                                "/a", dir.resolve("a").toString()));
        assertThat((Object) service(p, "web").get("dns")).isEqualTo(List.of("1.1.1.1", "8.8.8.8"));
        assertThat(web.labels()).containsExactly(Map.entry("one", "1"), Map.entry("two", "2"));
        assertThat(web.definedIn()).isEqualTo(dir.resolve("compose.yaml"));
    }

    @Test
    void resetAndOverrideTagsRemoveAndReplace() throws IOException {
        // 13-merge.md "Reset value" and "Replace value"
        write("compose.yaml", """
                services:
                  app:
                    image: myapp
                    ports: ["8080:80"]
                    environment:
                      FOO: BAR
                      KEEP: "yes"
                    volumes: ["./a:/a"]
                """);
        write("compose.override.yaml", """
                services:
                  app:
                    ports: !reset []
                    environment:
                      FOO: !reset null
                    volumes: !override
                      - ./b:/b
                """);
        ComposeService app = load(Map.of(), "compose.yaml", "compose.override.yaml")
                .model()
                .service("app")
                .orElseThrow();
        assertThat(app.ports()).isEmpty();
        assertThat(app.environment()).containsExactly(Map.entry("KEEP", "yes"));
        assertThat(app.volumes()).extracting(VolumeMount::target).containsExactly("/b");
    }

    @Test
    void extendsInTheSameFileAndFromAnotherFileResolvesPathsAgainstThatFile() throws IOException {
        // 05-services.md "extends": relative paths of the extended file are resolved against its folder
        write("common/base.yaml", """
                services:
                  base:
                    image: base
                    build: ./ctx
                    environment: {FROM_BASE: "1", OVER: base}
                    volumes: ["./data:/data"]
                """);
        write("compose.yaml", """
                services:
                  tmpl:
                    image: tmpl
                    command: echo tmpl
                  a:
                    extends: tmpl
                    command: echo a
                  b:
                    extends:
                      file: common/base.yaml
                      service: base
                    environment: {OVER: b}
                """);
        ComposeProject p = load(Map.of(), "compose.yaml");
        ComposeService a = p.model().service("a").orElseThrow();
        assertThat(a.image()).contains("tmpl");
        assertThat(a.command()).contains(List.of("echo", "a"));
        ComposeService b = p.model().service("b").orElseThrow();
        assertThat(b.environment()).containsExactly(Map.entry("FROM_BASE", "1"), Map.entry("OVER", "b"));
        assertThat(b.build().orElseThrow().context())
                .isEqualTo(dir.resolve("common/ctx").toString());
        assertThat(b.volumes().getFirst().source())
                .isEqualTo(dir.resolve("common/data").toString());
        assertThat(service(p, "b").containsKey("extends")).isFalse();
    }

    @Test
    void circularExtendsIsRefused() throws IOException {
        write("compose.yaml", "services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n");
        assertThatThrownBy(() -> load(Map.of(), "compose.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("circular extends");
    }

    @Test
    void includeShortAndLongSyntaxImportsResources() throws IOException {
        // 14-include.md: short syntax (a path) and long syntax (path, project_directory, env_file)
        write("db/compose.yaml", """
                services:
                  db:
                    image: postgres:${PG_VERSION:-16}
                    volumes: ["./pgdata:/var/lib/postgresql/data"]
                """);
        write("cache/compose.yaml", "services:\n  cache:\n    image: redis\n");
        write("compose.yaml", """
                include:
                  - db/compose.yaml
                  - path: cache/compose.yaml
                    project_directory: cache
                services:
                  web:
                    image: nginx
                    depends_on: [db, cache]
                """);
        ComposeProject p = load(Map.of("PG_VERSION", "17"), "compose.yaml");
        assertThat(p.model().serviceNames()).containsExactlyInAnyOrder("web", "db", "cache");
        ComposeService db = p.model().service("db").orElseThrow();
        assertThat(db.image()).contains("postgres:17");
        assertThat(db.volumes().getFirst().source())
                .isEqualTo(dir.resolve("db/pgdata").toString());
        assertThat(db.definedIn()).isEqualTo(dir.resolve("db/compose.yaml"));
        assertThat(p.tree()).doesNotContainKey("include");
    }

    @Test
    void includeConflictIsRefused() throws IOException {
        write("other.yaml", "services:\n  web:\n    image: other\n");
        write("compose.yaml", "include: [other.yaml]\nservices:\n  web:\n    image: nginx\n");
        assertThatThrownBy(() -> load(Map.of(), "compose.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("conflicts with");
    }

    @Test
    void profilesDropServicesUnlessActive() throws IOException {
        // 15-profiles.md
        write("compose.yaml", """
                services:
                  web: {image: nginx}
                  debug: {image: busybox, profiles: [debug]}
                  tools: {image: busybox, profiles: [tools, ops]}
                """);
        Path f = dir.resolve("compose.yaml");
        ComposeLoader loader = new ComposeLoader(ComposeLoaderTest::noEnvFiles);
        assertThat(loader.load(ProjectOptions.of(dir).withFiles(List.of(f)))
                        .model()
                        .serviceNames())
                .containsExactly("web");
        assertThat(loader.load(ProjectOptions.of(dir).withFiles(List.of(f)).withProfiles(List.of("ops")))
                        .model()
                        .serviceNames())
                .containsExactly("web", "tools");
        assertThat(loader.load(ProjectOptions.of(dir).withFiles(List.of(f)).withProfiles(List.of("*")))
                        .model()
                        .serviceNames())
                .containsExactly("web", "debug", "tools");
        assertThat(loader.load(ProjectOptions.of(dir)
                                .withFiles(List.of(f))
                                .withProcessEnvironment(Map.of("COMPOSE_PROFILES", "debug")))
                        .model()
                        .serviceNames())
                .containsExactly("web", "debug");
    }

    @Test
    void shortSyntaxBecomesStructured() throws IOException {
        // 05-services.md: ports, volumes, depends_on, environment, healthcheck short forms
        write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    build: ./app
                    ports:
                      - "127.0.0.1:8080:80"
                      - 9000-9001:9000-9001/udp
                      - 3000
                    volumes:
                      - data:/data:ro
                      - /var/run/docker.sock:/var/run/docker.sock
                      - /anon
                    depends_on: [db]
                    healthcheck:
                      test: curl -f http://localhost
                      retries: 3
                    environment:
                      - PLAIN=1
                      - FROM_VARS
                      - ABSENT
                    stop_grace_period: 1m30s
                  db: {image: postgres}
                volumes:
                  data:
                """);
        ComposeService web = load(Map.of("FROM_VARS", "v"), "compose.yaml")
                .model()
                .service("web")
                .orElseThrow();
        assertThat(web.ports())
                .containsExactly(
                        new PortMapping("127.0.0.1", "8080", 80, "tcp", "ingress"),
                        new PortMapping("", "9000", 9000, "udp", "ingress"),
                        new PortMapping("", "9001", 9001, "udp", "ingress"),
                        new PortMapping("", "", 3000, "tcp", "ingress"));
        assertThat(web.volumes())
                .containsExactly(
                        new VolumeMount(MountType.VOLUME, "data", "/data", true, false),
                        new VolumeMount(MountType.BIND, "/var/run/docker.sock", "/var/run/docker.sock", false, true),
                        new VolumeMount(MountType.VOLUME, "", "/anon", false, false));
        assertThat(web.dependsOn()).containsExactly(Map.entry("db", new Dependency("service_started", true, false)));
        assertThat(web.healthcheck().orElseThrow().test()).containsExactly("CMD-SHELL", "curl -f http://localhost");
        assertThat(web.healthcheck().orElseThrow().retries()).contains(3);
        assertThat(web.environment()).containsExactly(Map.entry("FROM_VARS", "v"), Map.entry("PLAIN", "1"));
        assertThat(web.build().orElseThrow().context())
                .isEqualTo(dir.resolve("app").toString());
        assertThat(web.stopGracePeriod()).contains("1m30s");
    }

    @Test
    void obsoleteVersionIsDroppedWithAWarning() throws IOException {
        // 04-version-and-name.md: version is obsolete
        write("compose.yaml", "version: \"3.8\"\nservices:\n  web: {image: nginx}\n");
        ComposeProject p = load(Map.of(), "compose.yaml");
        assertThat(p.tree()).doesNotContainKey("version");
        assertThat(p.warnings()).anyMatch(w -> w.contains("`version` is obsolete"));
    }
}
