package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ProjectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeRisksTest {
    /** The risks in English, as the CLI prints them. */
    private static List<String> risks(ComposeProject p) {
        return ComposeRisks.of(p).stream().map(Text::english).toList();
    }

    @TempDir
    Path dir;

    private static ComposeProject load(Path file) {
        return new ComposeLoader().load(ProjectOptions.of(file.getParent()).withFiles(List.of(file)));
    }

    private ComposeProject compose(String yaml) throws Exception {
        Path f = dir.resolve("docker-compose.yml");
        Files.writeString(f, yaml);
        return load(f);
    }

    @Test
    void openImPublishesItsDataStoresOnAllAddresses() {
        List<String> risks = risks(load(Corpus.root().resolve("open-im-server/v3.8.3/docker-compose.yml")));
        assertThat(risks)
                .anySatisfy(r -> assertThat(r)
                        .startsWith(
                                "Service mongodb keeps data (a database, queue or store) and publishes port 37017 on"
                                        + " all addresses"))
                .anySatisfy(r -> assertThat(r).startsWith("Service redis keeps data"))
                .as("the host-network services (prometheus...) are in an inactive profile")
                .noneSatisfy(r -> assertThat(r).contains("network_mode"));
    }

    @Test
    void hostNetworkIsNamed() throws Exception {
        assertThat(risks(compose("""
                        services:
                          exporter:
                            image: prom/node-exporter
                            network_mode: host
                        """)))
                .containsExactly("Service exporter uses network_mode: host: it shares the host's network and every"
                        + " port it opens is reachable from outside, whatever the ports: settings say.");
    }

    @Test
    void socketPrivilegedRootMountAndHostNamespacesAreEachNamed() throws Exception {
        List<String> risks = risks(compose("""
                services:
                  proxy:
                    image: traefik:3
                    volumes:
                      - /var/run/docker.sock:/var/run/docker.sock:ro
                  agent:
                    image: busybox
                    privileged: true
                    pid: host
                    volumes:
                      - /:/host
                  db:
                    image: postgres:16
                    ports:
                      - "0.0.0.0:5432:5432"
                  cache:
                    image: redis:7
                    ports:
                      - "127.0.0.1:6379:6379"
                """));
        assertThat(risks)
                .containsExactlyInAnyOrder(
                        "Service proxy mounts the Docker socket (/var/run/docker.sock): it can control Docker and so"
                                + " the whole host (read-only does not limit that).",
                        "Service agent runs privileged: it has full access to the host's devices and kernel. Only"
                                + " confirm if you trust this release.",
                        "Service agent shares the host's pid namespace (pid: host).",
                        "Service agent mounts the host folder / at /host read-write.",
                        "Service db keeps data (a database, queue or store) and publishes port 5432 on 0.0.0.0: anyone who reaches this"
                                + " machine can try its password. Bind it to 127.0.0.1 unless it must be reached"
                                + " from outside.");
    }

    @Test
    void theDemoAppHasNoRisk() {
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
            Path f = dev.berth.testbed.DockerTestBed.demoRelease(v).resolve("docker-compose.yml");
            ComposeProject p = new ComposeLoader()
                    .load(ProjectOptions.of(f.getParent())
                            .withFiles(List.of(f))
                            .withProcessEnvironment(java.util.Map.of("DB_PASSWORD", "x")));
            assertThat(risks(p)).as(v).isEmpty();
        }
    }
}
