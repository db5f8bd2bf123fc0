package dev.berth.gui;

import dev.berth.config.AppDirs;
import dev.berth.gui.common.DockerUnreachableException;
import dev.berth.gui.home.InstallRow;
import dev.berth.gui.home.InstallRow.Health;
import dev.berth.gui.home.InstallRow.RunState;
import dev.berth.gui.home.InstallSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starts the real app with made-up installs for {@code scripts/screenshots.sh}: {@code none} (what
 * users see today), {@code sample} (a filled Home) or {@code unreachable} (the guided Docker page,
 * with a message in the shape the docker adapter will produce). Test code: fixtures never ship.
 */
public final class ScreenshotFixtures {
    private ScreenshotFixtures() {}

    static final String UNREACHABLE = """
            Berth could not reach a Docker engine; nothing was changed.
            - DOCKER_HOST is not set
            - unix:///var/run/docker.sock: permission denied (your user is not in the docker group)
            - unix:///home/ana/.docker/run/docker.sock: no such file
            - unix:///run/user/1000/docker.sock (rootless): no such file""";

    static final List<InstallRow> SAMPLE = List.of(
            new InstallRow(
                    "nextcloud",
                    "Nextcloud",
                    "29.0.4",
                    RunState.RUNNING,
                    Health.HEALTHY,
                    Path.of("/srv/nextcloud"),
                    Path.of("/srv/nextcloud/data"),
                    48_318_382_080L,
                    Optional.of(Instant.parse("2026-11-24T02:10:00Z")),
                    List.of()),
            new InstallRow(
                    "mattermost",
                    "Mattermost",
                    "9.11.1",
                    RunState.RUNNING,
                    Health.STARTING,
                    Path.of("/srv/mattermost"),
                    Path.of("/srv/mattermost/data"),
                    6_871_947_673L,
                    Optional.of(Instant.parse("2026-11-20T02:10:00Z")),
                    List.of()),
            new InstallRow(
                    "sentry",
                    "Sentry",
                    "24.8.0",
                    RunState.PARTLY_RUNNING,
                    Health.UNHEALTHY,
                    Path.of("/opt/self-hosted"),
                    Path.of("/opt/self-hosted/data"),
                    21_474_836_480L,
                    Optional.empty(),
                    List.of("never backed up", "2 of 31 containers stopped")),
            new InstallRow(
                    "dify",
                    "Dify",
                    "",
                    RunState.STOPPED,
                    Health.NONE,
                    Path.of("/home/ana/dify/docker"),
                    Path.of("/home/ana/dify/docker/volumes"),
                    -1,
                    Optional.empty(),
                    List.of("version unknown")));

    public static void main(String[] args) throws Exception {
        String fixture = args.length == 0 ? "none" : args[0];
        if (ScreenScenarios.handles(fixture)) {
            ScreenScenarios.launch(fixture);
            return;
        }
        InstallSource source = switch (fixture) {
            case "none" -> InstallSource.NONE;
            case "sample" -> () -> SAMPLE;
            case "unreachable" ->
                () -> {
                    throw new DockerUnreachableException(UNREACHABLE, null);
                };
            default -> throw new IllegalArgumentException("unknown fixture: " + fixture);
        };
        BerthApp.launchApp(new GuiServices(AppDirs.system(), source, RunGuard.NONE), new String[0]);
    }
}
