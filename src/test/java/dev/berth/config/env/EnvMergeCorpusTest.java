package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every consecutive release pair of every corpus app: a user's file made from the old template with
 * edits, merged into the new template.
 */
class EnvMergeCorpusTest {

    /** Moves a manifest would declare, by app/new release: the corpus has no manifest, so the test does. */
    static final Map<String, Map<String, String>> DECLARED_MOVES = Map.of(
            "plane/v0.28.0", Map.of("deploy/selfhost/variables.env", "deployments/cli/community/variables.env"),
            "openim-docker/v3.5.0", Map.of(".env", ".env.example"),
            "openim-docker/v3.8", Map.of(".env.example", ".env"));

    record Case(String app, String oldRelease, String newRelease, String oldTemplate, String newTemplate) {
        Path oldPath() {
            return Corpus.root().resolve(app).resolve(oldRelease).resolve(oldTemplate);
        }

        Path newPath() {
            return Corpus.root().resolve(app).resolve(newRelease).resolve(newTemplate);
        }

        @Override
        public String toString() {
            return app + " " + oldRelease + ":" + oldTemplate + " -> " + newRelease + ":" + newTemplate;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path app : Corpus.apps()) {
            List<String> releases;
            try (Stream<Path> s = Files.list(app)) {
                releases = s.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .sorted(NATURAL)
                        .toList();
            }
            for (int i = 0; i + 1 < releases.size(); i++) {
                Path oldRoot = app.resolve(releases.get(i));
                Path newRoot = app.resolve(releases.get(i + 1));
                List<String> oldEnv = new ArrayList<>();
                for (Path p : EnvCorpus.files()) {
                    if (p.startsWith(oldRoot)) {
                        oldEnv.add(oldRoot.relativize(p).toString());
                    }
                }
                Map<String, String> declared =
                        DECLARED_MOVES.getOrDefault(app.getFileName() + "/" + releases.get(i + 1), Map.of());
                for (TemplateFinder.Move m : TemplateFinder.follow(oldRoot, oldEnv, newRoot, declared)) {
                    if (m.newTemplate().isPresent()) {
                        out.add(new Case(
                                app.getFileName().toString(),
                                releases.get(i),
                                releases.get(i + 1),
                                m.oldTemplate(),
                                m.newTemplate().get()));
                    }
                }
            }
        }
        return out;
    }

    static Stream<Case> allCases() throws IOException {
        return cases().stream();
    }

    @Test
    void corpusGivesReleasePairsForEveryAppWithTemplatesIncludingMoves() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases.stream().map(Case::app).distinct())
                .contains(
                        "mattermost-docker",
                        "jitsi-docker",
                        "outline",
                        "documenso",
                        "netbox-docker",
                        "docker-mailserver",
                        "plane",
                        "openim-docker",
                        "open-im-server");
        assertThat(cases.stream().map(Case::toString))
                .contains(
                        "plane v0.27.1:deploy/selfhost/variables.env -> v0.28.0:deployments/cli/community/variables.env",
                        "openim-docker v3.3.1:.env -> v3.5.0:.env.example",
                        "openim-docker v3.7.0-v1.7.0:.env.example -> v3.8:.env",
                        "jitsi-docker stable-9584:env.example -> stable-11146:env.example");
    }

    /** A user's file: the old template with some values changed, one quoted, one removed, one added. */
    static EnvFile userFile(EnvFile oldTemplate) {
        EnvFile f = oldTemplate;
        List<String> keys =
                new ArrayList<>(new LinkedHashSet<>(oldTemplate.values().keySet()));
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            EnvLine.Assignment a = f.assignment(k).orElseThrow();
            if (i % 5 == 1) {
                f = f.withValue(k, "user value " + i);
            } else if (i % 7 == 3
                    && a.quoting() == Quoting.NONE
                    && !a.value().contains("'")
                    && !a.value().contains("$")
                    && !a.value().endsWith("\\")) {
                f = f.withRawValue(k, "'" + a.value() + "'");
            } else if (i % 11 == 5) {
                f = f.without(k);
            }
        }
        String text = f.text();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        text += "\n# My own setting, not in any template\nBERTH_CUSTOM_SETTING=\"kept by the merge\"  # mine\n";
        return EnvParser.parse("user.env", text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void mergeKeepsEveryUserValueFollowsTheTemplateAndIsIdempotent(Case c) throws IOException {
        EnvFile base = EnvParser.parse(c.oldPath());
        EnvFile template = EnvParser.parse(c.newPath());
        EnvFile current = userFile(base);
        EnvMerge.Result result = EnvMerge.merge(current, template, Optional.of(base), Map.of(), "merged.env");
        EnvFile merged = result.merged();
        EnvMerge.Report report = result.report();

        // No key of the user is lost, and every user value is kept byte for byte unless it was the old default.
        for (String key : current.values().keySet()) {
            EnvLine.Assignment mine = current.assignment(key).orElseThrow();
            EnvLine.Assignment out = merged.assignment(key).orElseThrow(() -> new AssertionError(key + " lost"));
            Optional<EnvLine.Assignment> oldDefault = base.assignment(key);
            Optional<EnvLine.Assignment> newDefault = template.assignment(key);
            boolean stillOldDefault = oldDefault.isPresent() && mine.sameValueAs(oldDefault.get());
            boolean defaultChanged = oldDefault.isPresent()
                    && newDefault.isPresent()
                    && !oldDefault.get().sameValueAs(newDefault.get());
            if (stillOldDefault && defaultChanged) {
                assertThat(report.defaultUpdated())
                        .as("default updated: %s", key)
                        .contains(key);
                assertThat(out.rawValue()).isEqualTo(newDefault.get().rawValue());
            } else {
                assertThat(out.rawValue()).as("user value of %s", key).isEqualTo(mine.rawValue());
                assertThat(report.defaultUpdated()).doesNotContain(key);
            }
        }
        assertThat(merged.assignment("BERTH_CUSTOM_SETTING").orElseThrow().rawValue())
                .isEqualTo("\"kept by the merge\"");
        assertThat(report.removed()).contains("BERTH_CUSTOM_SETTING");

        // Every key of the template is there, in the template's order, and its comments are there in order.
        List<String> templateKeys =
                new ArrayList<>(new LinkedHashSet<>(template.values().keySet()));
        List<String> mergedKeys =
                new ArrayList<>(new LinkedHashSet<>(merged.values().keySet()));
        mergedKeys.retainAll(templateKeys);
        assertThat(mergedKeys).isEqualTo(templateKeys);
        List<String> templateComments = texts(template, EnvLine.Comment.class);
        if (!templateComments.isEmpty()) {
            assertThat(texts(merged, EnvLine.Comment.class)).containsSubsequence(templateComments);
        }
        for (String key : templateKeys) {
            if (!current.isSet(key)) {
                assertThat(report.added()).contains(key);
                assertThat(merged.assignment(key).orElseThrow().rawValue())
                        .isEqualTo(template.assignment(key).orElseThrow().rawValue());
            }
        }

        // Idempotent.
        EnvMerge.Result again = EnvMerge.merge(merged, template, Optional.of(template), Map.of(), "merged.env");
        assertThat(again.merged().text()).isEqualTo(merged.text());
        assertThat(EnvWriter.toBytes(again.merged())).isEqualTo(EnvWriter.toBytes(merged));

        // Merging the untouched old template gives the new template's values.
        EnvMerge.Result untouched = EnvMerge.merge(base, template, Optional.of(base), Map.of(), "m.env");
        for (String key : templateKeys) {
            if (base.isSet(key)
                    && base.assignment(key)
                            .orElseThrow()
                            .sameValueAs(template.assignment(key).orElseThrow())) {
                continue;
            }
            if (base.isSet(key)) {
                assertThat(untouched.merged().assignment(key).orElseThrow().rawValue())
                        .isEqualTo(template.assignment(key).orElseThrow().rawValue());
            }
        }
    }

    private static List<String> texts(EnvFile f, Class<? extends EnvLine> type) {
        return f.lines().stream().filter(type::isInstance).map(EnvLine::text).toList();
    }

    static final Comparator<String> NATURAL = (a, b) -> {
        Matcher ma = Pattern.compile("\\d+|\\D+").matcher(a);
        Matcher mb = Pattern.compile("\\d+|\\D+").matcher(b);
        while (ma.find() && mb.find()) {
            String x = ma.group();
            String y = mb.group();
            int r = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))
                    ? Long.compare(Long.parseLong(x), Long.parseLong(y))
                    : x.compareTo(y);
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    // --- golden merges ---------------------------------------------------------------------------

    static Map<String, VariableSpec> openimRenames() {
        Map<String, VariableSpec> specs = new LinkedHashMap<>();
        for (String[] r : new String[][] {
            {"MINIO_ACCESS_KEY_ID", "MINIO_ACCESS_KEY"},
            {"MINIO_SECRET_ACCESS_KEY", "MINIO_SECRET_KEY"},
            {"OPENIM_SECRET", "SECRET"},
            {"OPENIM_API_PORT", "API_OPENIM_PORT"},
            {"OPENIM_MSG_GATEWAY_PORT", "OPENIM_WS_PORT"},
            {"OPENIM_WEB_FRONT_PORT", "OPENIM_WEB_PORT"},
        }) {
            VariableSpec s = VariableSpec.of(r[0]);
            specs.put(
                    r[0],
                    new VariableSpec(
                            s.name(),
                            "",
                            s.type(),
                            false,
                            false,
                            s.example(),
                            List.of(r[1]),
                            s.deprecated(),
                            s.generate(),
                            s.choices()));
        }
        return specs;
    }

    static Stream<Object[]> goldenCases() {
        return Stream.of(
                new Object[] {
                    "mattermost",
                    "mattermost-docker",
                    "2021-06-15_4e0749c",
                    "env.example",
                    "2021-12-17_9e91b71",
                    "env.example",
                    Map.of()
                },
                new Object[] {
                    "openim-v3.8", "openim-docker", "v3.7.0-v1.7.0", ".env.example", "v3.8", ".env", openimRenames()
                },
                new Object[] {
                    "plane-move",
                    "plane",
                    "v0.27.1",
                    "deploy/selfhost/variables.env",
                    "v0.28.0",
                    "deployments/cli/community/variables.env",
                    Map.of()
                },
                new Object[] {"netbox", "netbox-docker", "2.3.0", "env/netbox.env", "2.9.1", "env/netbox.env", Map.of()
                },
                new Object[] {
                    "jitsi", "jitsi-docker", "stable-9584", "env.example", "stable-11146", "env.example", Map.of()
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    @SuppressWarnings("unchecked")
    void goldenMerge(String name, String app, String oldRel, String oldT, String newRel, String newT, Object specs)
            throws IOException {
        EnvFile base =
                EnvParser.parse(Corpus.root().resolve(app).resolve(oldRel).resolve(oldT));
        EnvFile template =
                EnvParser.parse(Corpus.root().resolve(app).resolve(newRel).resolve(newT));
        EnvFile current = userFile(base);
        EnvMerge.Result r =
                EnvMerge.merge(current, template, Optional.of(base), (Map<String, VariableSpec>) specs, "merged.env");
        Golden.assertMatches("env-merge/" + name + ".user.env", current.text());
        Golden.assertMatches(
                "env-merge/" + name + ".merged.env", new String(EnvWriter.toBytes(r.merged()), StandardCharsets.UTF_8));
        Golden.assertMatches(
                "env-merge/" + name + ".report.json",
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r.report()) + "\n");
        EnvMerge.Result again =
                EnvMerge.merge(r.merged(), template, Optional.of(template), (Map<String, VariableSpec>) specs, "m");
        assertThat(again.merged().text()).isEqualTo(r.merged().text());
    }
}
