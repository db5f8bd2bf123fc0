package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release that renames the compose file ({@code docker-compose.yml} → {@code compose.yaml}, as
 * docker-mailserver v13.0.0 does): the steps before the apply step address the project with the
 * old file, those after it with the new one, and a rollback goes back to the old one with the file.
 */
class ComposeRenameRunTest {
    @TempDir
    Path install;

    /** Records each compose call with the compose file names it was given. */
    static class FilesRuntime extends FakeRuntime {
        /** The new version (run from compose.yaml) turns unhealthy. */
        volatile boolean newUnhealthy;

        private static List<String> names(Project p) {
            return p.files().stream()
                    .map(f -> p.workingDir().relativize(f).toString())
                    .toList();
        }

        @Override
        public void up(Project project, List<String> services, Dependencies dependencies, Consumer<String> log) {
            calls.add("up " + services + " " + names(project));
        }

        @Override
        public void stop(Project project, List<String> services, Duration grace, Consumer<String> log) {
            calls.add("stop " + services + " " + names(project));
        }

        @Override
        public void awaitHealthy(Project project, List<String> services, Duration timeout, Cancellation cancellation) {
            calls.add("await " + names(project));
            if (newUnhealthy && names(project).contains("compose.yaml")) {
                throw new RuntimeFailure("web is unhealthy");
            }
        }
    }

    Plan plan() throws IOException {
        return plan(install);
    }

    /** The plan of such an upgrade for the install in {@code install}, which it writes. */
    static Plan plan(Path install) throws IOException {
        Files.writeString(install.resolve("docker-compose.yml"), "services: {web: {image: old}}\n");
        Files.writeString(install.resolve(".env"), "A=1\n");
        Path staging = install.resolve(".berth/staging/p/hop-1");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("compose.yaml"), "services: {web: {image: new}}\n");
        return new Plan(
                Plan.Kind.UPGRADE,
                install.toString(),
                "mail",
                List.of("docker-compose.yml"),
                List.of(".env"),
                List.of(),
                "12.1.0",
                "13.0.0",
                "rel",
                List.of(
                        new PlanStep.StopServices("stop-app", Text.plain("Stop web"), List.of("web"), 10, List.of()),
                        new PlanStep.ApplyFiles(
                                "apply",
                                Text.plain("Apply"),
                                ".berth/staging/p/hop-1",
                                Map.of(
                                        "docker-compose.yml",
                                        "",
                                        "compose.yaml",
                                        FileHashes.sha256(staging.resolve("compose.yaml"))),
                                List.of("compose.yaml")),
                        new PlanStep.StartServices("start", Text.plain("Start"), List.of()),
                        new PlanStep.Verify(
                                "verify",
                                Text.plain("Check"),
                                List.of(new PlanStep.HealthProbe.ServiceHealthy("web")),
                                1)),
                List.of(),
                Map.of(),
                List.of(),
                30,
                Plan.DataRollback.KEEP);
    }

    RunReport run(Plan plan, FilesRuntime rt) {
        ComposeStepExecutor ex = new ComposeStepExecutor(rt, null, plan.composeProject(Path::of));
        return new PlanRunner(ex, CrashPoints.parse(null), "test", Path::of, InstallLock::acquire)
                .run(plan, e -> {}, Cancellation.none());
    }

    @Test
    void theStepsAfterTheApplyStepUseTheRenamedComposeFile() throws Exception {
        FilesRuntime rt = new FilesRuntime();

        RunReport r = run(plan(), rt);

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rt.calls)
                .containsExactly("stop [web] [docker-compose.yml]", "up [] [compose.yaml]", "await [compose.yaml]");
        assertThat(install.resolve("compose.yaml")).exists();
        assertThat(install.resolve("docker-compose.yml")).doesNotExist();
    }

    @Test
    void aRollbackPutsTheOldComposeFileBackAndStartsTheOldVersionWithIt() throws Exception {
        FilesRuntime rt = new FilesRuntime();
        rt.newUnhealthy = true;

        RunReport r = run(plan(), rt);

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(rt.calls)
                .containsExactly(
                        "stop [web] [docker-compose.yml]",
                        "up [] [compose.yaml]",
                        "await [compose.yaml]",
                        "stop [] [compose.yaml]", // undo of start: the new version, with its file
                        "up [web] [docker-compose.yml]", // undo of stop-app, after the files went back
                        "up [] [docker-compose.yml]", // the rollback's check
                        "await [docker-compose.yml]");
        assertThat(install.resolve("docker-compose.yml")).content().contains("image: old");
        assertThat(install.resolve("compose.yaml")).doesNotExist();
    }
}
