package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.env.VariableType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestParserTest {

    static String resource(String name) {
        try (InputStream in = ManifestParserTest.class.getResourceAsStream("/release/manifest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Manifest full() {
        return ManifestParser.parse(resource("full.yaml"), "berth.yaml");
    }

    @Test
    void fullExampleReadsIntoRecords() {
        Manifest m = full();
        assertThat(m.app()).contains("ledger");
        assertThat(m.version()).contains(Version.parse("2.0.0"));
        assertThat(m.upgrade().stops()).extracting(VersionRange::text).containsExactly("1.1");
        assertThat(m.configVersion()).contains(new ConfigVersionRule("config/app.yaml", "version", "3"));

        assertThat(m.env())
                .extracting(VariableSpec::name)
                .containsExactly(
                        "DB_PASSWORD",
                        "DATA_DIR",
                        "PORT",
                        "LOG_LEVEL",
                        "PUBLIC_URL",
                        "WORKERS",
                        "SIGNUP_OPEN",
                        "OLD_FLAG",
                        "DB_HOST",
                        "EMPTY");
        assertThat(m.variable("DB_PASSWORD"))
                .contains(new VariableSpec(
                        "DB_PASSWORD",
                        "Password of the database user.",
                        VariableType.STRING,
                        true,
                        false,
                        Optional.empty(),
                        List.of("LEDGER_DB_PASS"),
                        Optional.empty(),
                        OptionalInt.of(32),
                        List.of()));
        assertThat(m.variable("DATA_DIR").orElseThrow().type()).isEqualTo(VariableType.PATH);
        assertThat(m.variable("DATA_DIR").orElseThrow().required()).isTrue();
        assertThat(m.variable("PORT").orElseThrow().example()).contains("8080");
        assertThat(m.variable("LOG_LEVEL").orElseThrow().type()).isEqualTo(VariableType.ENUM);
        assertThat(m.variable("LOG_LEVEL").orElseThrow().choices()).containsExactly("debug", "info", "warn");
        assertThat(m.variable("SIGNUP_OPEN").orElseThrow().deprecated()).contains("Use SIGNUP_MODE instead.");
        assertThat(m.variable("SIGNUP_OPEN").orElseThrow().renamedFrom())
                .containsExactly("OPEN_SIGNUP", "ALLOW_SIGNUP");
        assertThat(m.variable("OLD_FLAG").orElseThrow().deprecated()).contains("");
        assertThat(m.variable("DB_HOST").orElseThrow().description()).isEqualTo("Host name of the database.");
        assertThat(m.variable("EMPTY")).contains(VariableSpec.of("EMPTY"));
        assertThat(m.secretNames()).containsExactly("DB_PASSWORD", "LEDGER_DB_PASS");

        assertThat(m.templates())
                .containsExactly(
                        new TemplateSpec(
                                ".env.example",
                                ".env",
                                TemplateFormat.ENV,
                                List.of(
                                        new TemplateSpec.Location(Optional.empty(), Optional.of("env.example")),
                                        new TemplateSpec.Location(
                                                Optional.of("deploy/.env.example"), Optional.of("deploy/.env")))),
                        new TemplateSpec("config/app.yaml.example", "config/app.yaml", TemplateFormat.YAML, List.of()));
        assertThat(m.configFiles()).containsExactly("config/*.yaml");
        assertThat(m.compose())
                .isEqualTo(new ComposeSpec(List.of("docker-compose.yml"), List.of("web"), List.of(".env")));

        assertThat(m.migrations()).hasSize(4);
        assertThat(m.migrations().get(0)).isEqualTo(new Migration.Run("migrate", List.of(), MigrationOptions.DEFAULT));
        assertThat(m.migrations().get(1))
                .isEqualTo(new Migration.Run(
                        "web",
                        List.of("ledger", "db", "upgrade"),
                        new MigrationOptions(
                                MigrationPhase.BEFORE_START,
                                false,
                                Optional.empty(),
                                Optional.of(Duration.ofMinutes(10)),
                                Optional.of("Schema upgrade."),
                                List.of())));
        assertThat(m.migrations().get(2))
                .isEqualTo(new Migration.Exec(
                        "db",
                        List.of("psql", "-c", "REINDEX DATABASE app"),
                        new MigrationOptions(
                                MigrationPhase.AFTER_START,
                                false,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                List.of())));
        Migration.Sql sql = (Migration.Sql) m.migrations().get(3);
        assertThat(sql.file()).isEqualTo("migrations/0004.sql");
        assertThat(sql.database()).contains(DatabaseType.POSTGRES);
        assertThat(sql.userEnv()).contains("POSTGRES_USER");
        assertThat(sql.options().safeForRollback()).isTrue();
        assertThat(sql.options().needs()).containsExactly("web");
        assertThat(sql.options().from().orElseThrow().text()).isEqualTo("<1.5");
        assertThat(m.migrationsFrom(Version.parse("1.4.0"))).hasSize(4);
        assertThat(m.migrationsFrom(Version.parse("1.5.0"))).hasSize(3).doesNotContain(sql);
        assertThat(m.rollbackSafe()).isFalse();
        assertThat(m.previousVersionRunsOnMigratedData()).isFalse();

        assertThat(m.stop().order()).containsExactly("web", "worker", "db");
        assertThat(m.stop().grace())
                .containsExactly(Map.entry("db", Duration.ofSeconds(60)), Map.entry("worker", Duration.ofSeconds(90)));
        assertThat(m.stop().drain().get("worker"))
                .isEqualTo(new StopPolicy.Drain(List.of("ledger", "queue", "drain"), Optional.empty()));
        assertThat(m.stop().drain().get("web"))
                .isEqualTo(
                        new StopPolicy.Drain(List.of("sh", "-c", "kill -TERM 1"), Optional.of(Duration.ofSeconds(20))));
        assertThat(m.start()).containsExactly("db", "web");

        assertThat(m.health())
                .containsExactly(
                        new HealthCheck.ServiceHealthy("web", HealthCheck.DEFAULT_TIMEOUT),
                        new HealthCheck.Http("http://127.0.0.1:${PORT}/health", 200, Duration.ofMinutes(2)),
                        new HealthCheck.Log(
                                "worker",
                                "ready to accept jobs",
                                Optional.of("FATAL|panic"),
                                HealthCheck.DEFAULT_TIMEOUT),
                        new HealthCheck.Exec("db", List.of("pg_isready"), Duration.ofSeconds(30)));
        assertThat(m.backup().exclude()).containsExactly("logs/", "cache/*");
        assertThat(m.backup().databases())
                .containsExactly(new BackupSpec.Database(
                        "db",
                        DatabaseType.POSTGRES,
                        Optional.of("POSTGRES_USER"),
                        Optional.of("POSTGRES_DB"),
                        Optional.of("POSTGRES_PASSWORD")));
        assertThat(m.versionFrom())
                .contains(new VersionProbe.Http("http://127.0.0.1:${PORT}/api/version", "\"version\":\"([^\"]+)\""));
        assertThat(m.releaseNotes()).contains("CHANGES.md");
    }

    @Test
    void fieldLinesAreKeptForLaterChecks() {
        Manifest m = full();
        assertThat(m.origin().source()).isEqualTo("berth.yaml");
        assertThat(m.origin().line("env.DB_PASSWORD")).isEqualTo(8);
        assertThat(m.origin().line("env.DB_PASSWORD.generate")).isEqualTo(11);
        assertThat(m.origin().line("stop.order[0]")).isEqualTo(37);
    }

    @Test
    void fullExampleSurvivesAWriteAndReadRoundTrip() {
        Manifest m = full();
        String written = ManifestWriter.write(m);
        Manifest again = ManifestParser.parse(written, "written.yaml");
        assertSameContent(again, m);
        assertThat(ManifestWriter.write(again)).isEqualTo(written);
    }

    @Test
    void theExampleInTheDocumentationIsAValidManifest() throws IOException {
        String doc = Files.readString(Path.of("docs/manifest.md"));
        int start = doc.indexOf("```yaml\napp: ledger");
        assertThat(start).as("docs/manifest.md has the example").isPositive();
        String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 7));
        Manifest m = ManifestParser.parse(yaml, "docs/manifest.md");
        assertThat(m.app()).contains("ledger");
        assertThat(m.migrations()).hasSize(4);
        assertThat(m.upgrade().stops()).extracting(VersionRange::text).containsExactly("1.1");
    }

    @Test
    void emptyManifestMeansEverythingInferred() {
        assertSameContent(ManifestParser.parse("", "berth.yaml"), Manifest.EMPTY);
        assertSameContent(ManifestParser.parse("# nothing yet\n", "berth.yaml"), Manifest.EMPTY);
        assertThat(ManifestWriter.write(Manifest.EMPTY)).isEqualTo("{}\n");
        assertSameContent(ManifestParser.parse("{}\n", "berth.yaml"), Manifest.EMPTY);
    }

    @Test
    void theBriefsExampleErrorReadsExactlyAsDocumented() {
        String yaml = """
                app: ledger
                version: "2.0"
                upgrade:
                  stops: ["1.1"]
                config_version: {file: config/app.yaml, key: version, value: 3}
                env:
                  DATA_DIR: {description: Where the app keeps its files., type: path}
                  DB_PASSWORD:
                    description: Password of the database user.
                    secret: true
                    renamed_from: LEDGER_DB_PASS
                    generate: yes
                """;
        assertThatThrownBy(() -> ManifestParser.parse(yaml, "berth.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("berth.yaml:12: env.DB_PASSWORD.generate: expected a number, got \"yes\"")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(12));
    }

    @Test
    void unknownFieldsAreErrorsWithADidYouMeanHint() {
        assertThatThrownBy(() -> ManifestParser.parse("upgrade:\n  stop: [\"1.1\"]\n", "berth.yaml"))
                .hasMessage("berth.yaml:2: upgrade.stop: unknown field; did you mean \"stops\"? (known here: stops)");
        assertThatThrownBy(() -> ManifestParser.parse("verison: 1\n", "berth.yaml"))
                .hasMessageStartingWith("berth.yaml:1: verison: unknown field; did you mean \"version\"? (known here:"
                        + " app, version, upgrade,");
        assertThatThrownBy(() -> ManifestParser.parse("env:\n  A: {renamedFrom: B}\n", "berth.yaml"))
                .hasMessageStartingWith(
                        "berth.yaml:2: env.A.renamedFrom: unknown field; did you mean \"renamed_from\"?");
        assertThatThrownBy(() -> ManifestParser.parse("colour: blue\n", "berth.yaml"))
                .hasMessageStartingWith("berth.yaml:1: colour: unknown field (known here: app,");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "env:\n  A:\n    generate: 0\n",
                        "berth.yaml:3: env.A.generate: expected a number from 1 to 4096, got 0"),
                Arguments.of(
                        "env:\n  A: {secret: yes}\n",
                        "berth.yaml:2: env.A.secret: expected true or false, got \"yes\""),
                Arguments.of(
                        "env:\n  A: {secret: [true]}\n",
                        "berth.yaml:2: env.A.secret: expected true or false, got a list"),
                Arguments.of(
                        "env:\n  A: {type: strng}\n",
                        "berth.yaml:2: env.A.type: expected one of string, int, bool, url, port, enum, path, got \"strng\";"
                                + " did you mean \"string\"?"),
                Arguments.of(
                        "env:\n  A: {type: enum}\n",
                        "berth.yaml:2: env.A.type: an enum needs choices: add choices: [a, b]"),
                Arguments.of(
                        "env:\n  A: {type: int, choices: [1, 2]}\n",
                        "berth.yaml:2: env.A.choices: choices need type: enum, but the type is int; remove one of them"),
                Arguments.of(
                        "env:\n  A: {choices: [a, b], example: c}\n",
                        "berth.yaml:2: env.A.example: \"c\" is none of the choices a, b"),
                Arguments.of("env:\n  A: {choices: [a, a]}\n", "berth.yaml:2: env.A.choices: a choice is listed twice"),
                Arguments.of(
                        "env:\n  A: {type: int, generate: 8}\n",
                        "berth.yaml:2: env.A.generate: only string variables can be generated, but the type is int"),
                Arguments.of(
                        "env:\n  A:\n    renamed_from: [B, 1BAD]\n",
                        "berth.yaml:3: env.A.renamed_from[1]: expected a variable name, got \"1BAD\""),
                Arguments.of(
                        "env:\n  A: {renamed_from: A}\n",
                        "berth.yaml:2: env.A.renamed_from: a variable cannot be renamed from itself"),
                Arguments.of(
                        "env:\n  A: {renamed_from: B}\n  B: {}\n",
                        "berth.yaml:2: env.A.renamed_from: B is itself a variable of this release; a variable renamed from it"
                                + " cannot keep it; remove one of them"),
                Arguments.of(
                        "env:\n  BAD-NAME: {}\n",
                        "berth.yaml:2: env.BAD-NAME: expected a variable name of letters, digits and _ (not starting with a"
                                + " digit)"),
                Arguments.of("env:\n  A: {}\n  A: {}\n", "berth.yaml:3: env.A: A is given twice; keep one"),
                Arguments.of("env: [A, B]\n", "berth.yaml:1: env: expected a mapping (key: value), got a list"),
                Arguments.of("app: 2.0\napp: 3.0\n", "berth.yaml:2: app: app is given twice; keep one"),
                Arguments.of(
                        "app: Ledger App\n",
                        "berth.yaml:1: app: expected an id of lower-case letters, digits, '.', '_' or '-' (it names the"
                                + " compose project), got \"Ledger App\""),
                Arguments.of("version: \"\"\n", "berth.yaml:1: version: expected a value, got an empty string"),
                Arguments.of("version: [1]\n", "berth.yaml:1: version: expected a string, got a list"),
                Arguments.of(
                        "upgrade:\n  stops: [\">=\"]\n",
                        "berth.yaml:2: upgrade.stops[0]: expected a version after \">=\" in \">=\""),
                Arguments.of(
                        "config_version: {file: config/app.yaml, value: 3}\n",
                        "berth.yaml:1: config_version.key: missing; it is required here"),
                Arguments.of(
                        "config_version: {file: config/app.yaml, key: version, value: }\n",
                        "berth.yaml:1: config_version.value: missing; it is required here"),
                Arguments.of(
                        "config_version: {file: /etc/app.yaml, key: v, value: 1}\n",
                        "berth.yaml:1: config_version.file: expected a path relative to the release folder, with / between"
                                + " folders, got \"/etc/app.yaml\""),
                Arguments.of(
                        "templates:\n  - {template: ../../etc/passwd, file: .env}\n",
                        "berth.yaml:2: templates[0].template: the path \"../../etc/passwd\" leaves the release folder (..);"
                                + " name a file inside it"),
                Arguments.of(
                        "templates:\n  - {template: a, file: .env}\n  - {template: b, file: .env}\n",
                        "berth.yaml:3: templates[1].file: .env is given twice; keep one"),
                Arguments.of(
                        "templates:\n  - {template: a, file: b, format: toml}\n",
                        "berth.yaml:2: templates[0].format: expected one of env, yaml, json, text, got \"toml\""),
                Arguments.of(
                        "templates:\n  - {template: a, file: b, moved_from: [{}]}\n",
                        "berth.yaml:2: templates[0].moved_from[0]: expected an earlier path of the file, or {template: ...,"
                                + " file: ...}"),
                Arguments.of(
                        "config_files: [\"../*.yaml\"]\n",
                        "berth.yaml:1: config_files[0]: the path \"../*.yaml\" leaves the release folder (..); name a file inside it"),
                Arguments.of(
                        "migrations:\n  - {run: migrate, exec: {service: db, command: [x]}}\n",
                        "berth.yaml:2: migrations[0]: expected one of run, exec, sql or set_aside, got run and exec; write one migration"
                                + " per entry"),
                Arguments.of(
                        "migrations:\n  - {phase: after_start}\n",
                        "berth.yaml:2: migrations[0]: expected one of run, exec, sql or set_aside"),
                Arguments.of(
                        "migrations:\n  - {run: migrate, phase: later}\n",
                        "berth.yaml:2: migrations[0].phase: expected before_start or after_start, got \"later\""),
                Arguments.of(
                        "migrations:\n  - {run: migrate, phase: after-start}\n",
                        "berth.yaml:2: migrations[0].phase: expected before_start or after_start, got \"after-start\"; did you"
                                + " mean \"after_start\"?"),
                Arguments.of(
                        "migrations:\n  - {run: migrate, phase: after_start, needs: [api]}\n",
                        "berth.yaml:2: migrations[0].needs: after_start migrations run when every service runs; needs only"
                                + " goes with before_start"),
                Arguments.of(
                        "migrations:\n  - {exec: {service: db}}\n",
                        "berth.yaml:2: migrations[0].exec.command: missing; it is required here"),
                Arguments.of(
                        "migrations:\n  - {exec: {service: db, command: []}}\n",
                        "berth.yaml:2: migrations[0].exec.command: expected a command, got an empty list"),
                Arguments.of(
                        "migrations:\n  - {sql: {service: db, file: ../x.sql}}\n",
                        "berth.yaml:2: migrations[0].sql.file: the path \"../x.sql\" leaves the release folder (..); name a"
                                + " file inside it"),
                Arguments.of(
                        "migrations:\n  - {sql: {service: db, file: x.sql, type: oracle}}\n",
                        "berth.yaml:2: migrations[0].sql.type: expected one of postgres, mysql, mariadb, mongodb, got"
                                + " \"oracle\""),
                Arguments.of(
                        "migrations:\n  - {run: \"my service\"}\n",
                        "berth.yaml:2: migrations[0].run: expected a service name, got \"my service\""),
                Arguments.of(
                        "migrations:\n  - {run: migrate, from: \"<\"}\n",
                        "berth.yaml:2: migrations[0].from: expected a version after \"<\" in \"<\""),
                Arguments.of(
                        "migrations:\n  - {run: migrate, timeout: soon}\n",
                        "berth.yaml:2: migrations[0].timeout: expected a duration like 90s, 5m or 1h30m, got \"soon\""),
                Arguments.of(
                        "stop:\n  grace: {db: 60 seconds}\n",
                        "berth.yaml:2: stop.grace.db: expected a duration like 90s, 5m or 1h30m, got \"60 seconds\""),
                Arguments.of(
                        "stop:\n  grace: {db: 0s}\n",
                        "berth.yaml:2: stop.grace.db: expected a duration above 0 and at most 7 days, got PT0S"),
                Arguments.of("stop:\n  order: [web, db, web]\n", "berth.yaml:2: stop.order[2]: web is listed twice"),
                Arguments.of(
                        "stop:\n  drain: {worker: []}\n",
                        "berth.yaml:2: stop.drain.worker: expected a command, got an empty list"),
                Arguments.of("stop: [web, db]\n", "berth.yaml:1: stop: expected a mapping (key: value), got a list"),
                Arguments.of("start: {db: 1}\n", "berth.yaml:1: start: expected a list, got a mapping"),
                Arguments.of(
                        "health:\n  - {http: \"127.0.0.1:8080\"}\n",
                        "berth.yaml:2: health[0].http: expected an http:// or https:// URL, got \"127.0.0.1:8080\""),
                Arguments.of(
                        "health:\n  - {http: \"http://x\", expect: 999}\n",
                        "berth.yaml:2: health[0].expect: expected a number from 100 to 599, got 999"),
                Arguments.of(
                        "health:\n  - {service: web, expect: 200}\n",
                        "berth.yaml:2: health[0].expect: expect only goes with http"),
                Arguments.of(
                        "health:\n  - {log: {service: w, pattern: \"([\"}}\n",
                        "berth.yaml:2: health[0].log.pattern: not a valid regular expression: Unclosed character class near"
                                + " index 1"),
                Arguments.of(
                        "health:\n  - {timeout: 1m}\n",
                        "berth.yaml:2: health[0]: expected one of service, http, log or exec"),
                Arguments.of(
                        "health:\n  - {service: web, http: \"http://x\"}\n",
                        "berth.yaml:2: health[0]: expected one of service, http, log or exec, got service and http; write one"
                                + " check per entry"),
                Arguments.of(
                        "backup:\n  databases: [{service: db, type: oracle}]\n",
                        "berth.yaml:2: backup.databases[0].type: expected one of postgres, mysql, mariadb, mongodb, got"
                                + " \"oracle\""),
                Arguments.of(
                        "backup:\n  databases: [{service: db, type: postgress}]\n",
                        "berth.yaml:2: backup.databases[0].type: expected one of postgres, mysql, mariadb, mongodb, got"
                                + " \"postgress\"; did you mean \"postgres\"?"),
                Arguments.of(
                        "backup:\n  databases: [{type: mysql}]\n",
                        "berth.yaml:2: backup.databases[0].service: missing; it is required here"),
                Arguments.of("version_from: {regex: x}\n", "berth.yaml:1: version_from: expected http or exec"),
                Arguments.of(
                        "version_from: {http: \"http://x\", exec: {service: a, command: [v]}}\n",
                        "berth.yaml:1: version_from: expected http or exec, got both"),
                Arguments.of(
                        "release_notes: C:/notes.md\n",
                        "berth.yaml:1: release_notes: expected a path relative to the release folder, with / between folders, got \"C:/notes.md\""),
                Arguments.of(
                        "rollback_safe: maybe\n", "berth.yaml:1: rollback_safe: expected true or false, got \"maybe\""),
                Arguments.of("- app\n", "berth.yaml:1: (top level): expected a mapping (key: value), got a list"),
                Arguments.of(
                        "just text\n", "berth.yaml:1: (top level): expected a mapping (key: value), got \"just text\""),
                Arguments.of("? [a, b]\n: c\n", "berth.yaml:1: (top level): keys must be plain names, got a list"),
                Arguments.of(
                        "app: a\n---\napp: b\n",
                        "berth.yaml:3: a manifest is one YAML document; remove the second document (the line with ---)"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void everyValidationErrorNamesFileLineAndField(String yaml, String message) {
        assertThatThrownBy(() -> ManifestParser.parse(yaml, "berth.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> ManifestParser.parse("app: ledger\nenv:\n  A: [unclosed\n", "berth.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("berth.yaml:4: not valid YAML:")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(4));
        assertThatThrownBy(() -> ManifestParser.parse("a: &x [*x]\nb: *y\n", "berth.yaml"))
                .hasMessageStartingWith("berth.yaml:2: not valid YAML:");
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        assertThatThrownBy(() -> ManifestParser.parse(yaml.toString(), "berth.yaml"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void loadChecksThatNamedFilesExistInTheRelease(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("berth.yaml");
        Files.writeString(manifest, resource("full.yaml"));
        assertThatThrownBy(() -> ManifestParser.load(manifest, "ledger-2.0.tar.gz!/berth.yaml"))
                .hasMessage(
                        "ledger-2.0.tar.gz!/berth.yaml:23: templates[0].template: the release has no file .env.example;"
                                + " ship it or fix the path");
        for (String f :
                List.of(".env.example", "config/app.yaml.example", "docker-compose.yml", "migrations/0004.sql")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.writeString(dir.resolve(f), "x");
        }
        assertThatThrownBy(() -> ManifestParser.load(manifest, "berth.yaml"))
                .hasMessage(
                        "berth.yaml:52: release_notes: the release has no file CHANGES.md; ship it or fix the path");
        Files.writeString(dir.resolve("CHANGES.md"), "notes");
        assertSameContent(ManifestParser.load(manifest, "berth.yaml"), full());
    }

    @Test
    void nonUtf8ManifestsAreRefused(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("berth.yaml");
        Files.write(manifest, new byte[] {'a', 'p', 'p', ':', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> ManifestParser.load(manifest, "berth.yaml"))
                .hasMessage("berth.yaml: the manifest is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void servicesNamedByTheManifestAreCheckedAgainstTheComposeFile() {
        Manifest m = full();
        m.checkServices(Set.of("web", "worker", "db", "migrate"));
        assertThatThrownBy(() -> m.checkServices(Set.of("web", "worker", "database", "migrate")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("berth.yaml:37: stop.order[2]: the compose file has no service \"db\"; its services are"
                        + " database, migrate, web, worker.");
        assertThatThrownBy(() -> m.checkServices(Set.of("web", "wroker", "db", "migrate")))
                .hasMessageContaining("did you mean \"wroker\"?");
    }

    @Test
    void durationsAcceptUnitsAndBareSeconds() {
        Manifest m = ManifestParser.parse("stop:\n  grace: {a: 90, b: 500ms, c: 1h30m, d: 2d, e: 5m}\n", "berth.yaml");
        assertThat(m.stop().grace())
                .containsExactly(
                        Map.entry("a", Duration.ofSeconds(90)),
                        Map.entry("b", Duration.ofMillis(500)),
                        Map.entry("c", Duration.ofMinutes(90)),
                        Map.entry("d", Duration.ofDays(2)),
                        Map.entry("e", Duration.ofMinutes(5)));
        assertThat(ManifestWriter.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(ManifestWriter.duration(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    }

    @Test
    void versionTextIsKeptAsWrittenNotAsAYamlNumber() {
        assertThat(ManifestParser.parse("version: 2.10\n", "berth.yaml").version())
                .contains(Version.parse("2.10"));
    }

    /** Equal in every field but the origin (lines differ between two spellings of a manifest). */
    static void assertSameContent(Manifest actual, Manifest expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("origin").isEqualTo(expected);
        Manifest a = withoutOrigin(actual);
        Manifest e = withoutOrigin(expected);
        assertThat(a).isEqualTo(e);
    }

    static Manifest withoutOrigin(Manifest m) {
        return new Manifest(
                m.app(),
                m.version(),
                m.upgrade(),
                m.configVersion(),
                m.env(),
                m.templates(),
                m.configFiles(),
                m.compose(),
                m.migrations(),
                m.rollbackSafe(),
                m.stop(),
                m.start(),
                m.health(),
                m.backup(),
                m.versionFrom(),
                m.releaseNotes(),
                Manifest.Origin.NONE);
    }
}
