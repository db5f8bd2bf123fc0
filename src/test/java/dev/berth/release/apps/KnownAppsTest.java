package dev.berth.release.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseSource;
import dev.berth.release.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KnownAppsTest {

    static final KnownApps APPS = KnownApps.builtIn();

    static List<Object[]> corpusReleases() {
        List<Object[]> out = new ArrayList<>();
        for (var e : dev.berth.Corpus.PROFILE_OF_APP.entrySet()) {
            try (ReleaseCatalog c = ReleaseCatalog.ofFolder(Corpus.root().resolve(e.getKey()))) {
                for (ReleaseCatalog.Entry entry : c.entries()) {
                    out.add(new Object[] {e.getValue(), ((ReleaseSource.Folder) entry.source()).path()});
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("corpusReleases")
    void everyCorpusReleaseFolderIsRecognisedAsItsApp(String profile, Path folder) {
        Match m = APPS.match(InstallFacts.ofFolder(folder, Optional.empty())).orElseThrow();
        assertThat(m.profile().id()).as("%s: %s", folder, m.reasons()).isEqualTo(profile);
        if (!profile.equals("outline")) {
            // The corpus has Outline's development compose file only, so its folders are a weak match.
            assertThat(m.confidence()).isIn(Confidence.HIGH, Confidence.MEDIUM);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "mattermost-docker/2025-04-10_2308dca|Recognised: Mattermost 10.5.2",
                "mattermost-docker/2021-06-15_4e0749c|Recognised: Mattermost 5.34",
                "jitsi-docker/stable-7439|Recognised: Jitsi Meet stable-7439",
                "jitsi-docker/stable-11146|Recognised: Jitsi Meet stable-11146",
                "netbox-docker/3.0.0|Recognised: NetBox Docker 3.0.0",
                "openim-docker/v3.8|Recognised: OpenIM 3.8.3",
                "openim-docker/v3.7.0-v1.7.0|Recognised: OpenIM 3.7.0",
                "open-im-server/v3.8.3|Recognised: OpenIM Server 3.8.3",
                "plane/v1.3.1|Recognised: Plane",
                "mailcow-dockerized/2025-07|Recognised: mailcow",
                "documenso/v2.17.0|Recognised: Documenso",
                "docker-mailserver/v15.0.0|Recognised: docker-mailserver",
                "outline/v1.9.2|Possibly Outline",
            })
    void theDisplayNamesTheAppAndTheVersionItRuns(String release, String display) {
        Match m = APPS.match(InstallFacts.ofFolder(Corpus.root().resolve(release), Optional.empty()))
                .orElseThrow();
        assertThat(m.display()).isEqualTo(display);
    }

    static InstallFacts facts(List<String> images, String project, List<String> paths, Map<String, String> env) {
        return new InstallFacts(images, Optional.ofNullable(project), paths, env);
    }

    @Test
    void aScanOfRunningContainersIsRecognisedFromImagesAndEnv() {
        Match m = APPS.match(facts(
                        List.of("mattermost/mattermost-team-edition:10.5.2", "postgres:13-alpine"),
                        "mattermost",
                        List.of(),
                        Map.of("MATTERMOST_IMAGE_TAG", "10.5")))
                .orElseThrow();
        assertThat(m.display()).isEqualTo("Recognised: Mattermost 10.5");
        assertThat(m.reasons()).contains("image mattermost/mattermost-team-edition:10.5.2");
    }

    @Test
    void picasoftsOwnImagesAreProbablyMattermost() {
        // seeds/003:33: registry.picasoft.net:5000/pica-mattermost:4.3.0
        Match m = APPS.match(facts(
                        List.of(
                                "registry.picasoft.net:5000/pica-mattermost:4.3.0",
                                "registry.picasoft.net:5000/pica-mattermost-db:4.3.0"),
                        "docker",
                        List.of("docker-compose.yml"),
                        Map.of()))
                .orElseThrow();
        assertThat(m.profile().id()).isEqualTo("mattermost");
        assertThat(m.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(m.display()).isEqualTo("Probably Mattermost 4.3.0");
    }

    @Test
    void difyAndConcurrentAreRecognisedFromWhatTheirGuidesShow() {
        assertThat(APPS.match(facts(
                                List.of("langgenius/dify-api:0.9.1-fix1", "postgres:15-alpine"),
                                "dify0901",
                                List.of(),
                                Map.of()))
                        .map(Match::display))
                .contains("Recognised: Dify 0.9.1-fix1");
        assertThat(APPS.match(facts(
                                List.of(),
                                "dify",
                                List.of(
                                        "docker-compose.yaml",
                                        "middleware.env",
                                        "docker-compose.middleware.yaml",
                                        "volumes/db/data"),
                                Map.of()))
                        .map(m -> m.profile().id() + " " + m.confidence()))
                .contains("dify MEDIUM");
        assertThat(APPS.match(facts(
                                List.of("postgres", "redis"),
                                "docs",
                                List.of("compose.yml", "_composeData/db"),
                                Map.of()))
                        .map(m -> m.profile().id() + " " + m.confidence()))
                .contains("concurrent MEDIUM");
    }

    @Test
    void mirroredOpenimImagesAreStillOpenim() {
        Match m = APPS.match(facts(
                        List.of("registry.cn-hangzhou.aliyuncs.com/openimsdk/openim-server:v3.7.0", "mongo:6.0.2"),
                        null,
                        List.of("docker-compose.yaml", ".env.example"),
                        Map.of()))
                .orElseThrow();
        assertThat(m.profile().id()).isEqualTo("openim-docker");
        assertThat(m.display()).isEqualTo("Recognised: OpenIM 3.7.0");
    }

    @Test
    void mailcowIsRecognisedByItsGeneratedConfigWhenImagesAreMirrored() {
        Match m = APPS.match(facts(
                        List.of("mirror.local/x/dovecot:2.35"), "mailcowdockerized", List.of("mailcow.conf"), Map.of()))
                .orElseThrow();
        assertThat(m.profile().id()).isEqualTo("mailcow");
        assertThat(m.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(m.reasons()).containsExactly("compose project mailcowdockerized", "files mailcow.conf");
    }

    @Test
    void anUnknownAppMatchesNothingAndUninterpolatedImagesAreIgnored() {
        assertThat(APPS.match(facts(
                        List.of("nginx:1.27", "postgres:16", "mattermost/${MATTERMOST_IMAGE}:${MATTERMOST_IMAGE_TAG}"),
                        "shop",
                        List.of("docker-compose.yml", ".env"),
                        Map.of())))
                .isEmpty();
    }

    @Test
    void theBestMatchWinsAndEveryMatchIsListed() {
        // An openim-docker v3.8 folder also runs open-im-server's web front end image.
        List<Match> all =
                APPS.matches(InstallFacts.ofFolder(Corpus.root().resolve("openim-docker/v3.8"), Optional.empty()));
        assertThat(all).extracting(m -> m.profile().id()).containsExactly("openim-docker", "open-im-server");
        assertThat(all.getFirst().reasons().size())
                .isGreaterThan(all.get(1).reasons().size());
    }

    @Test
    void aFactsVersionOfTheWrongShapeIsNotAVersion() {
        Match m = APPS.match(facts(
                        List.of("makeplane/plane-backend:stable"), null, List.of(), Map.of("APP_RELEASE", "stable")))
                .orElseThrow();
        assertThat(m.version()).isEmpty();
        Match pinned = APPS.match(facts(
                        List.of("makeplane/plane-backend:v0.28.0"), null, List.of(), Map.of("APP_RELEASE", "v0.28.0")))
                .orElseThrow();
        assertThat(pinned.version()).contains(Version.parse("0.28.0"));
    }
}
