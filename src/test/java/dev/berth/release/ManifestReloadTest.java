package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The manifest parts that concurrent's "full reload" needs (seeds/004): a command's output kept in a
 * work file and fed to a later command, and a data folder set aside; and the annotations built-in
 * profiles carry.
 */
class ManifestReloadTest {

    static final String RELOAD = """
            migrations:
              - exec: {service: api, command: [ccadmin, dump_legacy, entities, all], stdout_to: entities.json}
                needs: [api, db, redis]
                from: "<0.3"
              - set_aside: {service: db, path: ./_composeData/db}
                from: "<0.3"
                description: Set the old database aside.
              - exec: {service: api, command: [ccadmin, load, entities], stdin_from: entities.json}
                needs: [api, db, redis]
              - run: {service: api, stdout_to: dump/all.json}
              - run: {service: tools, command: [import], stdin_from: dump/all.json}
            """;

    @Test
    void aDumpIsWrittenToAWorkFileAndLoadedFromItAfterTheFolderWasSetAside() {
        Manifest m = ManifestParser.parse(RELOAD, "berth.yaml");
        assertThat(m.migrations()).hasSize(5);
        Migration.Exec dump = (Migration.Exec) m.migrations().get(0);
        assertThat(dump.streams()).isEqualTo(new Migration.Streams(Optional.empty(), Optional.of("entities.json")));
        Migration.SetAside aside = (Migration.SetAside) m.migrations().get(1);
        assertThat(aside.service()).isEqualTo("db");
        assertThat(aside.path()).isEqualTo("_composeData/db");
        assertThat(aside.options().description()).contains("Set the old database aside.");
        assertThat(((Migration.Exec) m.migrations().get(2)).streams().stdinFrom())
                .contains("entities.json");
        Migration.Run run = (Migration.Run) m.migrations().get(3);
        assertThat(run.command()).isEmpty();
        assertThat(run.streams().stdoutTo()).contains("dump/all.json");
        assertThat(m.migrationsFrom(Version.parse("0.3.1"))).hasSize(3);
        m.checkServices(Set.of("api", "db", "redis", "tools"));
        assertThatThrownBy(() -> m.checkServices(Set.of("api", "database", "redis", "tools")))
                .hasMessageContaining("migrations[0].needs[1]: the compose file has no service \"db\"");
    }

    @Test
    void theReloadSurvivesAWriteAndReadRoundTrip() {
        Manifest m = ManifestParser.parse(RELOAD, "berth.yaml");
        String written = ManifestWriter.write(m);
        assertThat(written).contains("set_aside:", "stdout_to: entities.json", "stdin_from: entities.json");
        Manifest again = ManifestParser.parse(written, "written.yaml");
        ManifestParserTest.assertSameContent(again, m);
        assertThat(ManifestWriter.write(again)).isEqualTo(written);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "migrations:\n  - exec: {service: api, command: [load], stdin_from: entities.json}\n",
                        "berth.yaml:2: migrations[0].exec.stdin_from: entities.json is not written by an earlier"
                                + " migration's stdout_to; name a file an earlier step writes"),
                Arguments.of(
                        "migrations:\n  - exec: {service: api, command: [x], stdout_to: a.json}\n"
                                + "  - exec: {service: api, command: [y], stdin_from: b.json}\n",
                        "berth.yaml:3: migrations[1].exec.stdin_from: b.json is not written by an earlier"
                                + " migration's stdout_to; name a file an earlier step writes; did you mean \"a.json\"?"),
                Arguments.of(
                        "migrations:\n  - exec: {service: api, command: [x], stdout_to: ../out.json}\n",
                        "berth.yaml:2: migrations[0].exec.stdout_to: the path \"../out.json\" leaves the release"
                                + " folder (..); name a file inside it"),
                Arguments.of(
                        "migrations:\n  - set_aside: {service: db, path: _composeData/db}\n    phase: after_start\n",
                        "berth.yaml:3: migrations[0].phase: set_aside moves a data folder while the app is stopped;"
                                + " it only goes with before_start"),
                Arguments.of(
                        "migrations:\n  - set_aside: {service: db, path: _composeData/db}\n    needs: [api]\n",
                        "berth.yaml:3: migrations[0].needs: set_aside stops every service first; needs does not"
                                + " go with it"),
                Arguments.of(
                        "migrations:\n  - set_aside: {service: db, path: /var/lib/db}\n",
                        "berth.yaml:2: migrations[0].set_aside.path: expected a path relative to the release"
                                + " folder, with / between folders, got \"/var/lib/db\""),
                Arguments.of(
                        "migrations:\n  - set_aside: {service: db}\n",
                        "berth.yaml:2: migrations[0].set_aside.path: missing; it is required here"),
                Arguments.of(
                        "migrations:\n  - {set_aside: {service: db, path: d}, run: db}\n",
                        "berth.yaml:2: migrations[0]: expected one of run, exec, sql or set_aside, got run and"
                                + " set_aside; write one migration per entry"),
                Arguments.of(
                        "stop: {order: [app], source: seeds/x.txt:1}\n",
                        "berth.yaml:1: stop.source: unknown field (known here: order, grace, drain)"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void badReloadStepsAndAnnotationsOutsideProfilesAreRefusedWithTheirLine(String yaml, String message) {
        assertThatThrownBy(() -> ManifestParser.parse(yaml, "berth.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    static Node node(String yaml) {
        return new Compose(LoadSettings.builder().setUseMarks(true).build())
                .composeString(yaml)
                .orElseThrow();
    }

    @Test
    void profilesAnnotateEachRuleWithItsSources() {
        ManifestParser.Annotated a = ManifestParser.parseAnnotated(node("""
                        stop:
                          order: [app, db]
                          grace: {db: 60s}
                          sources:
                            - seeds/003_b598d077114501d0.txt:33
                            - {at: seeds/003_b598d077114501d0.txt:33, quote: "docker stop -t 60"}
                        env:
                          DB_PASSWORD: {secret: true, source: corpus/x/1.0/.env:3}
                        health:
                          - log: {service: app, pattern: ready}
                            source: seeds/003_b598d077114501d0.txt:34-35
                            verified: false
                            note: The log line is the app's.
                        """), "apps/x.yaml", "manifest.");
        assertThat(a.manifest().stop().order()).containsExactly("app", "db");
        assertThat(a.annotations())
                .extracting(ManifestParser.Annotation::field)
                .containsExactlyInAnyOrder("stop", "env.DB_PASSWORD", "health[0]");
        ManifestParser.Annotation stop = a.annotations().stream()
                .filter(x -> x.field().equals("stop"))
                .findFirst()
                .orElseThrow();
        assertThat(stop.line()).isEqualTo(2);
        assertThat(stop.quotes()).containsExactly(Optional.empty(), Optional.of("docker stop -t 60"));
        ManifestParser.Annotation health = a.annotations().getLast();
        assertThat(health.verified()).isEqualTo(ManifestParser.Verification.NOT_VERIFIED);
        assertThat(health.note()).contains("The log line is the app's.");
        assertThat(health.sources()).containsExactly("seeds/003_b598d077114501d0.txt:34-35");
        assertThatThrownBy(() ->
                        ManifestParser.parseAnnotated(node("env:\n  A: {sorce: x}\n"), "apps/x.yaml", "manifest."))
                .hasMessage("apps/x.yaml:2: manifest.env.A.sorce: unknown field; did you mean \"source\"? (known"
                        + " here: description, type, secret, required, example, renamed_from, deprecated, generate,"
                        + " choices, source, sources, verified, note)");
        assertThat(List.of(a.manifest().env().getFirst().secret())).containsExactly(true);
    }
}
