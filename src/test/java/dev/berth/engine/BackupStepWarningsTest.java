package dev.berth.engine;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.compose.ComposeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the backup writer skipped, or stored knowing a restore will refuse it, reaches the run as a
 * warning when the backup is made, not first when someone tries to restore it.
 */
class BackupStepWarningsTest {
    @TempDir
    Path tmp;

    final List<RunEvent.Warning> warnings = new ArrayList<>();

    @Test
    void aFifoSkippedAndALinkOutsideTheInstallAreWarnedAboutInTheRun() throws Exception {
        Path install = tmp.resolve("shop");
        Files.createDirectories(install.resolve("conf"));
        Files.writeString(install.resolve("docker-compose.yml"), "services:\n  web:\n    image: example/web:1.0\n");
        Files.writeString(install.resolve(".env"), "A=1\n");
        Path fifo = install.resolve("conf/control.pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Files.createSymbolicLink(install.resolve("conf/hosts"), Path.of("/etc/hosts"));
        new InstallRecord("shop", List.of("docker-compose.yml"), List.of(".env"), List.of(), "shop-app", "")
                .write(install);
        String archive = tmp.resolve("backups/shop.berth").toString();
        PlanStep.Backup hot =
                new PlanStep.Backup("hot", Text.plain("Hot"), PlanStep.Backup.Stage.HOT, archive, List.of());
        PlanStep.Backup fin =
                new PlanStep.Backup("final", Text.plain("Final"), PlanStep.Backup.Stage.FINAL, archive, List.of());
        StepContext ctx = context(install, List.of(hot, fin));
        ArchiveBackupSteps steps = new ArchiveBackupSteps(
                new FakeRuntime(),
                new ContainerRuntime.Project("shop", install, List.of(), List.of(), List.of()),
                new ComposeLoader(),
                "test");

        ctx.enter(hot.id());
        steps.backup(hot, ctx);
        ctx.enter(fin.id());
        steps.backup(fin, ctx);

        assertThat(Path.of(archive)).isRegularFile();
        List<String> english = warnings.stream().map(w -> w.text().english()).toList();
        assertThat(english)
                .anyMatch(w -> w.startsWith("About this backup: Skipped ") && w.contains("control.pipe"))
                .anyMatch(w ->
                        w.startsWith("About this backup: A restore will refuse this backup: ") && w.contains("hosts"));
        assertThat(warnings).allMatch(w -> w.step().equals("final"));
        assertThat(render(warnings.getFirst().text(), Locale.FRENCH)).startsWith("À propos de cette sauvegarde : ");
    }

    private StepContext context(Path install, List<PlanStep> steps) {
        Plan plan = new Plan(
                Plan.Kind.BACKUP,
                install.toString(),
                "shop",
                List.of("docker-compose.yml"),
                List.of(".env"),
                List.of(),
                "1.0",
                "1.0",
                "",
                steps,
                List.of(),
                Map.of(),
                List.of(),
                60,
                Plan.DataRollback.KEEP);
        Journal journal = Journal.begin(
                install, "run1", "backup", "1.0", "1.0", "test", Journal.JSON.valueToTree(plan), List.of());
        return new StepContext(
                plan,
                journal,
                e -> {
                    if (e instanceof RunEvent.Warning w) {
                        warnings.add(w);
                    }
                },
                Cancellation.none(),
                CrashPoints.none(),
                Path::of);
    }
}
