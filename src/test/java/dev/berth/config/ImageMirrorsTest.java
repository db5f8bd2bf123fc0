package dev.berth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageMirrorsTest {

    static final String DIGEST = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    static final ImageMirrors MIRRORS = ImageMirrors.parse(
            List.of(
                    "docker.io=hub.mirror.local:5000",
                    "docker.io/library=hub.mirror.local:5000/official",
                    "ghcr.io/openimsdk=registry.cn-hangzhou.aliyuncs.com/openimsdk",
                    "index.docker.io/mattermost=mm.mirror.local/mattermost/",
                    "localhost:5000=127.0.0.1:5001/cache",
                    "quay.io=quay.mirror.local"),
            "--image-mirror");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Official images: implicit docker.io and library/, every spelling.
                "postgres|hub.mirror.local:5000/official/postgres",
                "postgres:15|hub.mirror.local:5000/official/postgres:15",
                "library/postgres:15|hub.mirror.local:5000/official/postgres:15",
                "docker.io/postgres:15|hub.mirror.local:5000/official/postgres:15",
                "docker.io/library/postgres:15|hub.mirror.local:5000/official/postgres:15",
                "index.docker.io/library/postgres:15-alpine|hub.mirror.local:5000/official/postgres:15-alpine",
                "registry-1.docker.io/library/redis:7|hub.mirror.local:5000/official/redis:7",
                // Docker Hub user images: the docker.io rule, or a longer one.
                "netboxcommunity/netbox:v4.1-3.0.0|hub.mirror.local:5000/netboxcommunity/netbox:v4.1-3.0.0",
                "docker.io/netboxcommunity/netbox:v4.1-3.0.0|hub.mirror.local:5000/netboxcommunity/netbox:v4.1-3.0.0",
                "mattermost/mattermost-team-edition:10.5|mm.mirror.local/mattermost/mattermost-team-edition:10.5",
                "docker.io/mailserver/docker-mailserver:latest|hub.mirror.local:5000/mailserver/docker-mailserver:latest",
                // Digests and tag plus digest are kept.
                "postgres@" + DIGEST + "|hub.mirror.local:5000/official/postgres@" + DIGEST,
                "postgres:15@" + DIGEST + "|hub.mirror.local:5000/official/postgres:15@" + DIGEST,
                // Other registries: longest prefix, whole path parts only.
                "ghcr.io/openimsdk/openim-server:v3.8.3|registry.cn-hangzhou.aliyuncs.com/openimsdk/openim-server:v3.8.3",
                "ghcr.io/openimsdk-fork/openim-server:v3.8.3|ghcr.io/openimsdk-fork/openim-server:v3.8.3",
                "ghcr.io/mailcow/dovecot:2.35|ghcr.io/mailcow/dovecot:2.35",
                "quay.io/prometheus/node-exporter|quay.mirror.local/prometheus/node-exporter",
                "QUAY.IO/prometheus/node-exporter:v1|quay.mirror.local/prometheus/node-exporter:v1",
                // Registries with ports; localhost.
                "localhost:5000/berth-it/app:1.0|127.0.0.1:5001/cache/berth-it/app:1.0",
                "localhost/app:1.0|localhost/app:1.0",
                "registry.picasoft.net:5000/pica-mattermost:4.3.0|registry.picasoft.net:5000/pica-mattermost:4.3.0",
                "[::1]:5000/app:1|[::1]:5000/app:1",
                "artifacts.plane.so/makeplane/plane-backend:stable|artifacts.plane.so/makeplane/plane-backend:stable",
            })
    void rewritesEachReferenceFormToItsMirror(String reference, String expected) {
        assertThat(MIRRORS.rewrite(reference)).isEqualTo(expected);
    }

    @Test
    void noRulesLeaveEveryReferenceAsWritten() {
        assertThat(ImageMirrors.NONE.rewrite("postgres:15")).isEqualTo("postgres:15");
        assertThat(ImageMirrors.parse(List.of(), "settings").rules()).isEmpty();
    }

    @Test
    void aDockerHubPathRuleMatchesThatUsersImagesOnly() {
        ImageMirrors m = ImageMirrors.parse(List.of("mattermost=mirror.local/mm"), "--image-mirror");
        assertThat(m.rules().getFirst().from()).isEqualTo("docker.io/mattermost");
        assertThat(m.rewrite("mattermost/mattermost-enterprise-edition:10.5.2"))
                .isEqualTo("mirror.local/mm/mattermost-enterprise-edition:10.5.2");
        assertThat(m.rewrite("postgres:13-alpine")).isEqualTo("postgres:13-alpine");
    }

    @Test
    void rulesAreTriedLongestSourceFirst() {
        assertThat(MIRRORS.rules())
                .extracting(ImageMirrors.Rule::from)
                .startsWith("docker.io/mattermost")
                .endsWith("docker.io", "quay.io");
        assertThat(MIRRORS.ruleFor(ImageReference.parse("postgres")))
                .map(ImageMirrors.Rule::written)
                .contains("docker.io/library=hub.mirror.local:5000/official");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "docker.io|image mirror rule 1 \"docker.io\" is not FROM=TO",
                "=mirror|image mirror rule 1 \"=mirror\" is not FROM=TO",
                "docker.io=|image mirror rule 1 \"docker.io=\" is not FROM=TO",
                "a=b=c|image mirror rule 1 \"a=b=c\" is not FROM=TO",
                "https://docker.io=mirror|image mirror rule 1 \"https://docker.io=mirror\": \"https://docker.io\" has a"
                        + " scheme",
                "docker.io=https://mirror|\"https://mirror\" has a scheme",
                "docker.io/library/postgres:15=mirror|\"docker.io/library/postgres:15\" has a tag",
                "postgres@sha256:abc=mirror|has a digest",
                "docker.io//x=mirror|has an empty part",
            })
    void badRulesAreRefusedWithAnExample(String rule, String message) {
        assertThatThrownBy(() -> ImageMirrors.parse(List.of(rule), "--image-mirror"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("write FROM=TO, e.g. docker.io=mirror.example.com:5000");
    }

    @Test
    void aSourceMirroredTwiceIsRefusedEvenWhenSpelledDifferently() {
        assertThatThrownBy(
                        () -> ImageMirrors.parse(List.of("docker.io=a.local", "index.docker.io=b.local"), "settings"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("settings: image mirror rule 2 \"index.docker.io=b.local\": docker.io is mirrored twice"
                        + " (also by \"docker.io=a.local\"); keep one rule per source");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "postgres|docker.io|library/postgres|||postgres",
                "mattermost/mattermost-team-edition:10.5|docker.io|mattermost/mattermost-team-edition|10.5||"
                        + "mattermost/mattermost-team-edition",
                "ghcr.io/jitsi/web:stable-11146|ghcr.io|jitsi/web|stable-11146||jitsi/web",
                "localhost:5000/a/b/c:1|localhost:5000|a/b/c|1||a/b/c",
                "Registry.Example.com/x@" + DIGEST + "|registry.example.com|x||" + DIGEST + "|x",
            })
    void referencesAreParsedAsDockerDoes(
            String text, String registry, String path, String tag, String digest, String familiar) {
        ImageReference r = ImageReference.parse(text);
        assertThat(r.registry()).isEqualTo(registry);
        assertThat(r.path()).isEqualTo(path);
        assertThat(r.tag()).isEqualTo(Optional.ofNullable(tag));
        assertThat(r.digest()).isEqualTo(Optional.ofNullable(digest));
        assertThat(r.familiarPath()).isEqualTo(familiar);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "mattermost/${MATTERMOST_IMAGE}:${MATTERMOST_IMAGE_TAG}|still holds a variable reference",
                "-bad.host/app|invalid registry",
                "foo/Bar:1|invalid name part \"Bar\"",
                "postgres:|invalid tag",
                "postgres@sha256:xyz|invalid digest",
                "a b|white space",
            })
    void nonReferencesAreRefusedWithTheReason(String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(ImageReference.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> MIRRORS.rewrite(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
