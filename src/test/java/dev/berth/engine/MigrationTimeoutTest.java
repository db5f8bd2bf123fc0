package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration that never ends is stopped at its timeout, and the run rolls back. */
class MigrationTimeoutTest {
    @TempDir
    Path install;

    /** A runtime whose migration container hangs until its one-off containers are removed. */
    static final class HangingRuntime extends FakeRuntime {
        final CountDownLatch removed = new CountDownLatch(1);

        @Override
        public int run(
                Project project,
                String service,
                Dependencies dependencies,
                List<String> command,
                InputStream stdin,
                OutputStream stdout,
                Consumer<String> log) {
            calls.add("run " + service);
            log.accept("migrating...");
            try {
                removed.await(60, TimeUnit.SECONDS); // the container runs until it is removed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 137;
        }

        @Override
        public void removeOneOffs(Project project, String service, Consumer<String> log) {
            super.removeOneOffs(project, service, log);
            removed.countDown();
        }
    }

    @Test
    void aHangingMigrationIsStoppedAtItsTimeoutAndRolledBack() {
        HangingRuntime rt = new HangingRuntime();
        Plan plan = new Plan(
                Plan.Kind.UPGRADE,
                install.toString(),
                "demo",
                List.of("compose.yaml"),
                List.of(".env"),
                List.of(),
                "1.0.0",
                "2.0.0",
                "rel",
                List.of(new PlanStep.Migrate(
                        "migrate",
                        Text.plain("Migrate"),
                        new PlanStep.Migration.Run("migrate", List.of(), "", ""),
                        false,
                        1)),
                List.of(),
                Map.of(),
                List.of(),
                30,
                Plan.DataRollback.KEEP);
        ComposeStepExecutor ex = new ComposeStepExecutor(rt, null, plan.composeProject(Path::of));
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Thread runner = Thread.currentThread();

        long start = System.nanoTime();
        RunReport r = new PlanRunner(ex, CrashPoints.parse(null), "test", Path::of, InstallLock::acquire)
                .run(
                        plan,
                        e -> {
                            assertThat(Thread.currentThread())
                                    .as("events stay on the runner's thread")
                                    .isSameAs(runner);
                            events.add(e);
                        },
                        Cancellation.none());

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(r.message()).contains("ran longer than 1 s and was stopped").contains("timeout");
        java.util.Locale ja = java.util.Locale.JAPANESE;
        assertThat(r.text().render(java.util.ResourceBundle.getBundle(Text.BUNDLE, ja), ja))
                .as("the engine's own failure reads in the user's language")
                .contains("1 秒を超えたため停止しました")
                .contains("migrations: - timeout:");
        assertThat(rt.calls).containsSubsequence("run migrate", "remove-one-offs migrate");
        assertThat(events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                RunEvent.Log.class, l -> assertThat(l.message()).isEqualTo("migrating...")));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
    }

    @Test
    void withoutATimeoutInTheManifestTheDefaultIsHalfAnHour() {
        PlanStep.Migrate m = new PlanStep.Migrate(
                "m", Text.plain("M"), new PlanStep.Migration.Run("migrate", List.of(), "", ""), false);
        assertThat(m.timeout()).hasMinutes(30);
    }
}
