package dev.berth.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.compose.ComposeSubcommand.Dependencies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeSubcommandTest {
    private static final List<ComposeSubcommand> ALL = List.of(
            new ComposeSubcommand.Validate(),
            new ComposeSubcommand.Pull(List.of("web")),
            new ComposeSubcommand.Build(List.of()),
            new ComposeSubcommand.Up(Dependencies.SKIP, List.of("web")),
            new ComposeSubcommand.Stop(10, List.of()),
            new ComposeSubcommand.Start(List.of()),
            new ComposeSubcommand.Ps(ComposeSubcommand.PsOutput.IDS),
            new ComposeSubcommand.Run("migrate", Dependencies.START, List.of("rails", "db:migrate")),
            new ComposeSubcommand.Exec("db", List.of("pg_dumpall")),
            new ComposeSubcommand.Down(ComposeSubcommand.Volumes.KEEP),
            new ComposeSubcommand.Logs(50, List.of("web")));

    @Test
    void v1NeverGetsAFlagOnlyV2Knows() {
        for (ComposeSubcommand c : ALL) {
            List<String> args = c.arguments(ComposeGeneration.V1);
            assertThat(args)
                    .as(c.toString())
                    .doesNotContain("--progress", "--wait", "--format", "--wait-timeout", "-a");
            assertThat(args.getFirst()).isNotEqualTo("ls");
        }
    }

    @Test
    void eachCommandRendersTheFlagsTheEngineNeeds() {
        assertThat(new ComposeSubcommand.Validate().arguments(ComposeGeneration.V1))
                .containsExactly("config", "-q");
        assertThat(new ComposeSubcommand.Up(Dependencies.SKIP, List.of("web")).arguments(ComposeGeneration.V2))
                .containsExactly("up", "-d", "--no-deps", "web");
        assertThat(new ComposeSubcommand.Stop(10, List.of("db")).arguments(ComposeGeneration.V1))
                .containsExactly("stop", "-t", "10", "db");
        assertThat(new ComposeSubcommand.Run("migrate", Dependencies.START, List.of("x"))
                        .arguments(ComposeGeneration.V1))
                .containsExactly("run", "--rm", "-T", "migrate", "x");
        for (ComposeGeneration g : ComposeGeneration.values()) {
            assertThat(new ComposeSubcommand.Run("migrate", Dependencies.SKIP, List.of()).arguments(g))
                    .as("a migration whose dependencies Berth started: both generations know --no-deps")
                    .containsExactly("run", "--rm", "-T", "--no-deps", "migrate");
        }
        assertThat(new ComposeSubcommand.Exec("db", List.of("pg_dumpall")).arguments(ComposeGeneration.V2))
                .containsExactly("exec", "-T", "db", "pg_dumpall");
        assertThat(new ComposeSubcommand.Logs(50, List.of()).arguments(ComposeGeneration.V1))
                .containsExactly("logs", "--no-color", "--tail", "50");
        assertThat(new ComposeSubcommand.Ps(ComposeSubcommand.PsOutput.TABLE).arguments(ComposeGeneration.V2))
                .as("v2 lists stopped containers only with -a, v1 always does")
                .containsExactly("ps", "-a");
    }

    @Test
    void upWithoutDependenciesIsUsedOnlyWhereComposeSkipsTheOnesLeftOut() {
        assertThat(new ComposeTool(ComposeGeneration.V1, List.of("docker-compose"), "1.29.2")
                        .upSkipsDependenciesLeftOut())
                .isTrue();
        assertThat(new ComposeTool(ComposeGeneration.V2, List.of("docker", "compose"), "2.6.1")
                        .upSkipsDependenciesLeftOut())
                .as("docker/compose#9591: no such service")
                .isFalse();
        assertThat(new ComposeTool(ComposeGeneration.V2, List.of("docker", "compose"), "v2.24.5")
                        .upSkipsDependenciesLeftOut())
                .isTrue();
        assertThat(new ComposeTool(ComposeGeneration.V2, List.of("docker", "compose"), "5.0.1")
                        .upSkipsDependenciesLeftOut())
                .isTrue();
    }

    @Test
    void downDeletesVolumesOnlyWhenAskedExplicitly() {
        assertThat(new ComposeSubcommand.Down(ComposeSubcommand.Volumes.KEEP).arguments(ComposeGeneration.V2))
                .containsExactly("down");
        assertThat(new ComposeSubcommand.Down(ComposeSubcommand.Volumes.REMOVE).arguments(ComposeGeneration.V2))
                .containsExactly("down", "-v");
    }

    @Test
    void theCommandLinePassesAnsiNeverAndTheWholeProjectExplicitly() {
        ComposeCli v1 = new ComposeCli(
                new ComposeTool(ComposeGeneration.V1, List.of("docker-compose"), "1.29.2"),
                Map.of("COMPOSE_FILE", "other.yml", "COMPOSE_PROJECT_NAME", "other", "PATH", "/usr/bin"));
        ComposeTarget p = new ComposeTarget(
                "demo",
                List.of(Path.of("/srv/demo/docker-compose.yml"), Path.of("/srv/demo/override.yml")),
                Path.of("/srv/demo"),
                Optional.of(Path.of("/srv/demo/.env.prod")),
                List.of("tools"));
        assertThat(v1.commandLine(p, new ComposeSubcommand.Up(Dependencies.START, List.of())))
                .containsExactly(
                        "docker-compose",
                        "--ansi",
                        "never",
                        "-p",
                        "demo",
                        "--project-directory",
                        "/srv/demo",
                        "-f",
                        "/srv/demo/docker-compose.yml",
                        "-f",
                        "/srv/demo/override.yml",
                        "--env-file",
                        "/srv/demo/.env.prod",
                        "--profile",
                        "tools",
                        "up",
                        "-d");
        ComposeCli v2 =
                new ComposeCli(new ComposeTool(ComposeGeneration.V2, List.of("docker", "compose"), "2.24.5"), Map.of());
        assertThat(v2.commandLine(
                        ComposeTarget.of("demo", Path.of("/srv/demo")),
                        new ComposeSubcommand.Ps(ComposeSubcommand.PsOutput.IDS)))
                .containsExactly(
                        "docker",
                        "compose",
                        "--ansi",
                        "never",
                        "-p",
                        "demo",
                        "--project-directory",
                        "/srv/demo",
                        "ps",
                        "-a",
                        "-q");
    }

    @Test
    void recognisesV1sSubCommandHelpButNotAContainerThatPrintsUsage() {
        List<String> help = List.of(
                "Builds, (re)creates, starts, and attaches to containers for a service.",
                "",
                "Usage: up [options] [--scale SERVICE=NUM...] [--] [SERVICE...]",
                "",
                "Options:",
                "    -d, --detach               Detached mode: Run containers in the background,");
        assertThat(ComposeRun.printedUsage(help)).isTrue();
        assertThat(ComposeRun.printedUsage(List.of("Usage: my-tool [FILE]", "migrations applied")))
                .isFalse();
        assertThat(ComposeRun.printedUsage(List.of("Creating demo_web_1 ... done")))
                .isFalse();
    }
}
