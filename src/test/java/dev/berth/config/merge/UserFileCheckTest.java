package dev.berth.config.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Corpus;
import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class UserFileCheckTest {
    private static final ComposeNames RELEASE =
            new ComposeNames(Set.of("app", "db", "redis"), Set.of("db-data"), Set.of("backend"));

    @Test
    void anOverrideOfServicesThatStillExistPasses() {
        String override = """
                services:
                  app:
                    ports:
                      - "8080:80"
                    depends_on: [db, redis]
                    volumes:
                      - ./config:/etc/app:ro
                      - db-data:/var/lib/data
                      - /srv/cache
                    networks:
                      - backend
                      - default
                """;

        assertThat(UserFileCheck.check("docker-compose.override.yml", override, RELEASE))
                .isEmpty();
    }

    @Test
    void everyKindOfReferenceToAVanishedNameIsReportedWithItsLine() {
        String override = """
                services:
                  app:
                    depends_on:
                      cache:
                        condition: service_healthy
                    links:
                      - search:es
                    volumes_from:
                      - old-data:ro
                      - container:external
                    network_mode: service:vpn
                    extends:
                      service: base
                    volumes:
                      - uploads:/srv/uploads
                      - type: volume
                        source: logs
                        target: /var/log
                    networks:
                      frontend: {}
                  worker:
                    environment:
                      - A=1
                """;

        List<MissingReference> found = UserFileCheck.check("docker-compose.override.yml", override, RELEASE);

        assertThat(found)
                .extracting(r -> r.line() + " " + r.kind() + " " + r.name() + " " + r.service() + " " + r.field())
                .containsExactly(
                        "4 SERVICE cache app depends_on",
                        "7 SERVICE search app links",
                        "9 SERVICE old-data app volumes_from",
                        "11 SERVICE vpn app network_mode",
                        "13 SERVICE base app extends",
                        "15 VOLUME uploads app volumes",
                        "17 VOLUME logs app volumes",
                        "20 NETWORK frontend app networks",
                        "21 SERVICE worker worker services");
        assertThat(found.getLast().message())
                .isEqualTo(
                        "docker-compose.override.yml:21:3: it changes the service worker, which the new release no"
                                + " longer defines; rename or remove the reference in docker-compose.override.yml before upgrading");
        assertThat(found.getFirst().column()).isEqualTo(7);
    }

    @Test
    void namesTheFileDefinesItselfCount() {
        String override = """
                services:
                  backup:
                    image: offen/docker-volume-backup
                    volumes:
                      - db-data:/backup/db:ro
                      - archive:/archive
                    networks: [admin]
                  app:
                    depends_on: [backup]
                volumes:
                  archive:
                networks:
                  admin:
                """;

        assertThat(UserFileCheck.check("docker-compose.override.yml", override, RELEASE))
                .isEmpty();
    }

    @Test
    void interpolatedNamesAndMergeKeysAreHandled() {
        String override = """
                x-common: &common
                  depends_on: [gone]
                services:
                  app:
                    <<: *common
                    networks: ["${NET}"]
                """;

        assertThat(UserFileCheck.check("docker-compose.override.yml", override, RELEASE))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.name()).isEqualTo("gone");
                    assertThat(r.line()).isEqualTo(2);
                });
    }

    @Test
    void aFileThatIsNotYamlIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> UserFileCheck.check("docker-compose.override.yml", "services:\n  app: [\n", RELEASE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("docker-compose.override.yml:3:")
                .hasMessageContaining("nothing was changed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2021-06-15_4e0749c",
                "2021-12-17_9e91b71",
                "2022-06-09_2c9b8cf",
                "2022-07-29_1f2adc1",
                "2023-10-10_26fb013",
                "2025-04-10_2308dca"
            })
    void mattermostNginxOverlayOfTheFirstReleaseStillFitsEveryLaterRelease(String release) throws IOException {
        Path app = Corpus.root().resolve("mattermost-docker");
        String overlay = Files.readString(app.resolve("2021-06-15_4e0749c/docker-compose.nginx.yml"));

        ComposeNames names = names(Files.readString(app.resolve(release).resolve("docker-compose.yml")));

        assertThat(names.services()).contains("mattermost", "postgres");
        assertThat(UserFileCheck.check("docker-compose.nginx.yml", overlay, names))
                .isEmpty();
    }

    @Test
    void anOverrideWrittenForOpenImServer360ReportsWhatRelease370NoLongerHas() throws IOException {
        Path app = Corpus.root().resolve("open-im-server");
        Map<String, Object> old = load(Files.readString(app.resolve("v3.6.0/docker-compose.yml")));
        ComposeNames next = names(Files.readString(app.resolve("v3.7.0/docker-compose.yml")));
        StringBuilder override = new StringBuilder("services:\n");
        Set<String> expectedServices = new HashSet<>();
        List<String> expectedNetworks = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) old.get("services");
        services.forEach((name, def) -> {
            override.append("  ").append(name).append(":\n    restart: always\n");
            if (!next.services().contains(name)) {
                expectedServices.add(name);
            }
            if (def.get("networks") instanceof List<?> nets) {
                override.append("    networks:\n");
                for (Object net : nets) {
                    override.append("      - ").append(net).append('\n');
                    if (!next.networks().contains(net.toString())) {
                        expectedNetworks.add(net.toString());
                    }
                }
            }
        });

        List<MissingReference> found = UserFileCheck.check("docker-compose.override.yml", override.toString(), next);

        assertThat(expectedServices).contains("openim-web", "openim-admin");
        assertThat(found)
                .filteredOn(r -> r.kind() == MissingReference.Kind.SERVICE)
                .extracting(MissingReference::name)
                .containsExactlyInAnyOrderElementsOf(expectedServices);
        assertThat(found)
                .filteredOn(r -> r.kind() == MissingReference.Kind.NETWORK)
                .extracting(MissingReference::name)
                .containsExactlyInAnyOrderElementsOf(expectedNetworks);
    }

    /** The names a release's compose file defines, read directly with snakeyaml-engine. */
    static ComposeNames names(String compose) {
        Map<String, Object> root = load(compose);
        return new ComposeNames(keys(root.get("services")), keys(root.get("volumes")), keys(root.get("networks")));
    }

    private static Set<String> keys(Object section) {
        return section instanceof Map<?, ?> m
                ? new HashSet<>(m.keySet().stream().map(Object::toString).toList())
                : Set.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }
}
