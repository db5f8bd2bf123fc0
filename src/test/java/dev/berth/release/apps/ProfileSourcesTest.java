package dev.berth.release.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.env.VariableSpec;
import dev.berth.release.ComposeSpec;
import dev.berth.release.Manifest;
import dev.berth.release.ManifestParser.Annotation;
import dev.berth.release.ManifestParser.Verification;
import dev.berth.release.StopPolicy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of every built-in profile cites a seed guide line or a corpus file, and the citation
 * holds what the rule is about.
 */
class ProfileSourcesTest {

    /** The profile files on the class path (target/classes), so that each is checked on its own. */
    static List<String> profileIds() throws IOException, URISyntaxException {
        // The test classes share the package: look up a file, so that the main resources are listed.
        Path folder = Path.of(ProfileSourcesTest.class
                        .getResource(KnownApps.RESOURCE_FOLDER + "mattermost.yaml")
                        .toURI())
                .getParent();
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        }
    }

    static Profile profile(String id) {
        return ProfileParser.parse(KnownApps.resource(id), "apps/" + id + ".yaml");
    }

    @Test
    void everyProfileFileIsBuiltInAndEveryBuiltInHasAFile() throws Exception {
        assertThat(profileIds()).containsExactlyInAnyOrderElementsOf(KnownApps.BUILT_IN);
        assertThat(KnownApps.builtIn().profiles())
                .extracting(Profile::id)
                .containsExactlyElementsOf(KnownApps.BUILT_IN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileIds")
    void everyCitedFileAndLineExistsAndHoldsItsQuote(String id) {
        Profile p = profile(id);
        assertThat(p.id()).isEqualTo(id);
        assertThat(p.annotations()).isNotEmpty();
        for (Annotation a : p.annotations()) {
            for (int i = 0; i < a.sources().size(); i++) {
                String citation = a.sources().get(i);
                Sources.Cited c = Sources.resolve(citation)
                        .orElseThrow(() -> new AssertionError(id + " " + a.field() + ": bad citation " + citation));
                assertThat(c.file()).as("%s %s: %s", id, a.field(), citation).isRegularFile();
                int lines = Sources.lines(c.file()).size();
                assertThat(c.to())
                        .as("%s %s: %s has %d lines", id, a.field(), citation, lines)
                        .isLessThanOrEqualTo(lines)
                        .isGreaterThanOrEqualTo(c.from());
                Optional<String> quote = a.quotes().get(i);
                if (quote.isPresent()) {
                    assertThat(Sources.squash(c.text()))
                            .as("%s %s: %s quotes", id, a.field(), citation)
                            .contains(Sources.squash(quote.get()));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileIds")
    void everyRuleIsCited(String id) {
        Profile p = profile(id);
        List<String> uncited = new ArrayList<>();
        for (String rule : rules(p)) {
            boolean cited = p.annotations().stream()
                    .filter(a -> !a.sources().isEmpty())
                    .map(Annotation::field)
                    .filter(f -> !f.matches("releases\\[\\d+]"))
                    .anyMatch(f -> rule.equals(f) || rule.startsWith(f + ".") || rule.startsWith(f + "["));
            if (!cited) {
                uncited.add(rule);
            }
        }
        assertThat(uncited).as("rules of %s without a source", id).isEmpty();
    }

    /** The field path of every rule of a profile. */
    static List<String> rules(Profile p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.match().images().size(); i++) {
            out.add("match.images[" + i + "]");
        }
        for (int i = 0; i < p.match().projects().size(); i++) {
            out.add("match.projects[" + i + "]");
        }
        for (int i = 0; i < p.match().files().size(); i++) {
            out.add("match.files[" + i + "]");
        }
        for (int i = 0; i < p.version().size(); i++) {
            out.add("version[" + i + "]");
        }
        p.services().keySet().forEach(s -> out.add("services." + s));
        Profile.EnvRules r = p.envRules();
        for (int i = 0; i < r.preserve().size(); i++) {
            out.add("env_rules.preserve[" + i + "]");
        }
        for (int i = 0; i < r.followRelease().size(); i++) {
            out.add("env_rules.follow_release[" + i + "]");
        }
        for (int i = 0; i < r.refuse().size(); i++) {
            out.add("env_rules.refuse[" + i + "]");
        }
        for (int i = 0; i < r.notRenamed().size(); i++) {
            out.add("env_rules.not_renamed[" + i + "]");
        }
        for (int i = 0; i < p.explanations().size(); i++) {
            out.add("explanations[" + i + "]");
        }
        out.addAll(rules(p.base(), "manifest."));
        for (int i = 0; i < p.releases().size(); i++) {
            out.addAll(rules(p.releases().get(i).manifest(), "releases[" + i + "].manifest."));
        }
        return out;
    }

    static List<String> rules(Manifest m, String prefix) {
        List<String> out = new ArrayList<>();
        if (!m.upgrade().stops().isEmpty()) {
            out.add(prefix + "upgrade");
        }
        m.configVersion().ifPresent(c -> out.add(prefix + "config_version"));
        m.env().forEach(v -> out.add(prefix + "env." + v.name()));
        for (int i = 0; i < m.templates().size(); i++) {
            out.add(prefix + "templates[" + i + "]");
        }
        if (!m.configFiles().isEmpty()) {
            out.add(prefix + "config_files");
        }
        if (!m.compose().equals(ComposeSpec.INFERRED)) {
            out.add(prefix + "compose");
        }
        for (int i = 0; i < m.migrations().size(); i++) {
            out.add(prefix + "migrations[" + i + "]");
        }
        if (m.rollbackSafe()) {
            out.add(prefix + "rollback_safe");
        }
        if (!m.stop().equals(StopPolicy.INFERRED)) {
            out.add(prefix + "stop");
        }
        if (!m.start().isEmpty()) {
            out.add(prefix + "start");
        }
        for (int i = 0; i < m.health().size(); i++) {
            out.add(prefix + "health[" + i + "]");
        }
        for (int i = 0; i < m.backup().databases().size(); i++) {
            out.add(prefix + "backup.databases[" + i + "]");
        }
        if (!m.backup().exclude().isEmpty()) {
            out.add(prefix + "backup.exclude");
        }
        m.versionFrom().ifPresent(v -> out.add(prefix + "version_from"));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileIds")
    void envVariableCitationsNameTheVariableAndItsEarlierNames(String id) {
        Profile p = profile(id);
        List<Manifest> manifests = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        manifests.add(p.base());
        prefixes.add("manifest.");
        for (int i = 0; i < p.releases().size(); i++) {
            manifests.add(p.releases().get(i).manifest());
            prefixes.add("releases[" + i + "].manifest.");
        }
        for (int m = 0; m < manifests.size(); m++) {
            for (VariableSpec v : manifests.get(m).env()) {
                String field = prefixes.get(m) + "env." + v.name();
                Annotation a = p.annotations().stream()
                        .filter(x -> x.field().equals(field))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(id + " " + field + " has no source"));
                StringBuilder cited = new StringBuilder();
                a.sources()
                        .forEach(s -> cited.append(
                                        Sources.resolve(s).orElseThrow().text())
                                .append('\n'));
                Set<String> names = new LinkedHashSet<>();
                names.add(v.name());
                names.addAll(v.renamedFrom());
                for (String name : names) {
                    assertThat(cited.toString())
                            .as("%s %s: the cited lines name %s", id, field, name)
                            .contains(name);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileIds")
    void imageRulesCiteTheImageName(String id) {
        Profile p = profile(id);
        for (int i = 0; i < p.match().images().size(); i++) {
            String field = "match.images[" + i + "]";
            String pattern = p.match().images().get(i).pattern();
            String last = pattern.substring(pattern.lastIndexOf('/') + 1);
            String literal = last.contains("*") ? last.substring(0, last.indexOf('*')) : last;
            if (literal.isEmpty()) {
                continue;
            }
            Annotation a = p.annotations().stream()
                    .filter(x -> x.field().equals(field))
                    .findFirst()
                    .orElseThrow();
            String cited = a.sources().stream()
                    .map(s -> Sources.resolve(s).orElseThrow().text())
                    .reduce("", String::concat)
                    .toLowerCase(Locale.ROOT);
            assertThat(cited).as("%s %s cites %s", id, field, literal).contains(literal.toLowerCase(Locale.ROOT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileIds")
    void unverifiedRulesSayWhy(String id) {
        for (Annotation a : profile(id).annotations()) {
            if (a.verified() == Verification.NOT_VERIFIED) {
                assertThat(a.note())
                        .as("%s %s is not verified: its note says why", id, a.field())
                        .isPresent();
            }
        }
    }

    @Test
    void appsWithoutCorpusReleasesAreMarkedUnverifiedAndCiteOnlyTheirGuide() {
        for (String id : List.of("dify", "concurrent")) {
            Profile p = profile(id);
            assertThat(p.verified()).as(id).isEqualTo(Verification.NOT_VERIFIED);
            for (Annotation a : p.annotations()) {
                for (String s : a.sources()) {
                    assertThat(s.startsWith("seeds/") || s.startsWith("corpus/README.md"))
                            .as("%s %s cites %s", id, a.field(), s)
                            .isTrue();
                }
            }
        }
        for (String id : KnownApps.BUILT_IN) {
            if (!List.of("dify", "concurrent").contains(id)) {
                assertThat(profile(id).verified()).as(id).isEqualTo(Verification.VERIFIED);
            }
        }
    }

    /**
     * The corpus README lists "possible renames" found by name similarity; each one was checked by
     * hand and is either declared ({@code renamed_from}) or rejected ({@code not_renamed}) by the
     * app's profile.
     */
    @Test
    void everyPossibleRenameOfTheCorpusIsDeclaredOrRejected() throws IOException {
        List<String> readme = Files.readAllLines(Corpus.root().resolve("README.md"));
        Pattern app = Pattern.compile("^## (\\S+)");
        Pattern pair = Pattern.compile("`([A-Z0-9_]+)`→`([A-Z0-9_]+)`");
        String current = null;
        int checked = 0;
        for (String line : readme) {
            Matcher a = app.matcher(line);
            if (a.find()) {
                current = a.group(1);
            }
            if (!line.contains("possible renames") || !dev.berth.Corpus.PROFILE_OF_APP.containsKey(current)) {
                continue;
            }
            Profile p = profileOfCorpusApp(current);
            Matcher m = pair.matcher(line);
            while (m.find()) {
                String from = m.group(1);
                String to = m.group(2);
                boolean declared = allManifests(p).stream()
                        .flatMap(x -> x.env().stream())
                        .anyMatch(v -> v.name().equals(to) && v.renamedFrom().contains(from));
                boolean rejected = p.envRules().notRenamed().stream()
                        .anyMatch(n -> n.from().equals(from) && n.to().equals(to));
                assertThat(declared ^ rejected)
                        .as("%s: %s → %s is declared or rejected (not both)", current, from, to)
                        .isTrue();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(10);
    }

    static List<Manifest> allManifests(Profile p) {
        List<Manifest> out = new ArrayList<>();
        out.add(p.base());
        p.releases().forEach(r -> out.add(r.manifest()));
        return out;
    }

    static Profile profileOfCorpusApp(String corpusApp) {
        return profile(dev.berth.Corpus.PROFILE_OF_APP.get(corpusApp));
    }
}
