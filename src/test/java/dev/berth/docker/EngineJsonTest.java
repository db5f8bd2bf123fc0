package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineJsonTest {
    @Test
    void readsAContainerOfTheListWithHealthExitCodeMountTypesAndPorts() throws Exception {
        var json = JsonTree.parse("""
                {"Id":"abc","Names":["/demo_db_1"],"Image":"postgres:16","ImageID":"sha256:1","State":"running",
                 "Status":"Up 3 minutes (unhealthy)","Created":1700000000,
                 "Labels":{"com.docker.compose.project":"demo","com.docker.compose.service":"db"},
                 "Ports":[{"IP":"0.0.0.0","PrivatePort":5432,"PublicPort":5432,"Type":"tcp"},{"PrivatePort":8080,"Type":"tcp"}],
                 "Mounts":[{"Type":"bind","Source":"/srv/demo/data","Destination":"/var/lib/postgresql/data","RW":true},
                           {"Type":"volume","Name":"demo_cache","Source":"/var/lib/docker/volumes/demo_cache/_data","Destination":"/cache","RW":false}]}
                """);
        ContainerSummary c = EngineJson.container(json);
        assertThat(c.name()).isEqualTo("demo_db_1");
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(c.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(c.exitCode()).isEmpty();
        assertThat(c.label(ComposeLabels.SERVICE)).contains("db");
        assertThat(c.ports())
                .as("exposed but unpublished ports are left out")
                .containsExactly(new PublishedPort("0.0.0.0", 5432, 5432, "tcp"));
        assertThat(c.ports().getFirst().onAllInterfaces()).isTrue();
        assertThat(c.mounts())
                .containsExactly(
                        new MountPoint(
                                MountPoint.Type.BIND,
                                Optional.empty(),
                                "/srv/demo/data",
                                "/var/lib/postgresql/data",
                                MountPoint.Access.READ_WRITE),
                        new MountPoint(
                                MountPoint.Type.VOLUME,
                                Optional.of("demo_cache"),
                                "/var/lib/docker/volumes/demo_cache/_data",
                                "/cache",
                                MountPoint.Access.READ_ONLY));
    }

    @Test
    void readsExitCodesAndStartingHealthFromTheStatusText() throws Exception {
        assertThat(EngineJson.container(
                                JsonTree.parse("{\"State\":\"exited\",\"Status\":\"Exited (137) 5 seconds ago\"}"))
                        .exitCode())
                .contains(137);
        assertThat(EngineJson.container(
                                JsonTree.parse("{\"State\":\"running\",\"Status\":\"Up 1 second (health: starting)\"}"))
                        .health())
                .isEqualTo(Health.STARTING);
    }

    @Test
    void diskUsageTakesAnOmittedWritableSizeAsZeroAndSkipsUnsizedVolumes() throws Exception {
        DiskUsage d = EngineJson.diskUsage(JsonTree.parse("""
                {"LayersSize":100,
                 "Volumes":[{"Name":"a","UsageData":{"Size":2048,"RefCount":1}},{"Name":"b","UsageData":{"Size":-1,"RefCount":0}}],
                 "Containers":[{"Id":"c1","SizeRootFs":10},{"Id":"c2","SizeRw":5,"SizeRootFs":15},{"Id":"c3"}]}
                """));
        assertThat(d.volume("a")).hasValue(2048);
        assertThat(d.volume("b")).isEmpty();
        assertThat(d.container("c1")).hasValue(0);
        assertThat(d.container("c2")).hasValue(5);
        assertThat(d.container("c3")).isEmpty();
        assertThat(d.imageBytes()).isEqualTo(100);
    }

    @Test
    void apiVersionsCompareNumerically() {
        assertThat(EngineInfo.compareVersions("1.41", "1.42")).isNegative();
        assertThat(EngineInfo.compareVersions("1.100", "1.42")).isPositive();
        assertThat(EngineInfo.compareVersions("1.41", "1.41.0")).isZero();
    }
}
