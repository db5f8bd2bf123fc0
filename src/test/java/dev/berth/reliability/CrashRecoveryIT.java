package dev.berth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Berth killed at a step boundary or in the middle of a long step of a real upgrade of the demo
 * app (the crash switch {@code BERTH_CRASH_AT} halts the child process exactly as {@code kill -9}
 * would), then {@code berth resume} or, separately, {@code berth rollback}: the install must serve
 * the right version and keep every database row, every DATA_DIR file and every {@code .env} value.
 *
 * <p>CI runs a representative set; {@code -Dberth.soak=true} runs every boundary and every middle
 * of the 1.0.0 → 1.1.0 upgrade (images pulled from a registry, so the pull is a step too) and a
 * sample of the second hop of 1.0.0 → 2.0.0, each with both recoveries.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class CrashRecoveryIT {
    static final boolean SOAK = "true".equals(System.getProperty("berth.soak"));
    /** {@code -Dberth.soak=steps}: the middle of every long step, each with both recoveries. */
    static final boolean STEPS = "steps".equals(System.getProperty("berth.soak"));

    /** The steps of 1.0.0 → 1.1.0 in order (as {@code berth plan --json} lists them). */
    static final List<String> STEPS_110 = List.of(
            "pull",
            "pin",
            "backup-hot",
            "stop-app",
            "backup-final",
            "stop-data",
            "apply",
            "start-deps",
            "wait-deps",
            "migrate-1",
            "start",
            "verify",
            "record");
    /**
     * The steps with a middle (a long step that acts on the app, its files or its data). The demo's
     * plan starts the database for its migration ({@code start-deps}, then {@code compose run
     * --no-deps}) and has no {@code start-first} (its start order names every service).
     */
    static final List<String> LONG_110 = List.of(
            "pull",
            "backup-hot",
            "stop-app",
            "backup-final",
            "stop-data",
            "apply",
            "start-deps",
            "wait-deps",
            "migrate-1",
            "start",
            "verify");
    /** A sample of the second hop (1.1.0 → 2.0.0) of the upgrade 1.0.0 → 2.0.0. */
    static final List<String> SAMPLE_200 =
            List.of("stop-2:middle", "apply-2:middle", "migrate-2-1:middle", "start-2:after", "verify-2:middle");

    enum Recovery {
        RESUME,
        ROLLBACK
    }

    record Case(String crashAt, Recovery recovery, String target) {
        @Override
        public String toString() {
            return "killed at " + crashAt + " of 1.0.0 → " + target + ", then "
                    + recovery.name().toLowerCase();
        }
    }

    static Stream<Case> cases() {
        if (STEPS) {
            // Issue 5's proof: killed in the middle of each long step in turn, then resume or
            // rollback (alternating; the full soak does both everywhere). Rollbacks first: they
            // share one install.
            return Stream.of(
                    new Case("backup-hot:middle", Recovery.ROLLBACK, "1.1.0"),
                    new Case("stop-app:middle", Recovery.ROLLBACK, "1.1.0"),
                    new Case("backup-final:middle", Recovery.ROLLBACK, "1.1.0"),
                    new Case("migrate-1:middle", Recovery.ROLLBACK, "1.1.0"),
                    new Case("pull:middle", Recovery.RESUME, "1.1.0"),
                    new Case("apply:middle", Recovery.RESUME, "1.1.0"),
                    new Case("start:middle", Recovery.RESUME, "1.1.0"));
        }
        if (!SOAK) {
            // Two hops, data restored from before the first (the real kill -9 test below resumes).
            return Stream.of(new Case("migrate-2-1:middle", Recovery.ROLLBACK, "2.0.0"));
        }
        // The soak: every boundary and middle of 1.0.0 → 1.1.0 and a sample of the 2.0.0 hop, each
        // with both recoveries (60 cases), in an order drawn from the seed; then real kill -9 at
        // moments drawn from the seed. -Dberth.soak.count takes the first N of the named cases.
        List<String> points = new ArrayList<>();
        points.add(STEPS_110.getFirst() + ":before");
        for (String s : STEPS_110) {
            points.add(s + ":after");
        }
        for (String s : LONG_110) {
            points.add(s + ":middle");
        }
        List<Case> named = new ArrayList<>();
        for (Recovery r : Recovery.values()) {
            points.forEach(p -> named.add(new Case(p, r, "1.1.0")));
            SAMPLE_200.forEach(p -> named.add(new Case(p, r, "2.0.0")));
        }
        java.util.Random random = new java.util.Random(SOAK_SEED);
        java.util.Collections.shuffle(named, random);
        List<Case> cases = new ArrayList<>(named.subList(0, Math.min(SOAK_COUNT, named.size())));
        for (int i = 0; i < SOAK_KILLS; i++) {
            Recovery r = random.nextBoolean() ? Recovery.RESUME : Recovery.ROLLBACK;
            cases.add(new Case(KILL_AFTER + random.nextInt(KILL_WINDOW_MS), r, "1.1.0"));
        }
        System.err.println("CrashRecoveryIT soak: seed " + SOAK_SEED + ", " + cases.size() + " cases"
                + " (repeat with -Dberth.soak.seed=" + SOAK_SEED + " -Dberth.soak.count=" + SOAK_COUNT
                + " -Dberth.soak.kills=" + SOAK_KILLS + ")");
        CrashLedger.record(
                "soak seed " + SOAK_SEED + ", count " + SOAK_COUNT + ", kills " + SOAK_KILLS, cases.size() + " cases");
        return cases.stream();
    }

    /** The soak's seed: {@code -Dberth.soak.seed}, else drawn now (and printed, so a run can be repeated). */
    static final long SOAK_SEED =
            Long.getLong("berth.soak.seed", new java.security.SecureRandom().nextLong() & 0xffff_ffffL);
    /** How many of the 60 named crash cases the soak runs ({@code -Dberth.soak.count}; default all). */
    static final int SOAK_COUNT = Integer.getInteger("berth.soak.count", 60);
    /** How many real kill -9 at a random moment the soak adds ({@code -Dberth.soak.kills}). */
    static final int SOAK_KILLS = Integer.getInteger("berth.soak.kills", 10);
    /** A case whose crash point starts with this is a real kill -9 that many ms after the run began. */
    static final String KILL_AFTER = "kill-9-after-ms:";
    /**
     * The moments a random kill is drawn from, after the run's journal appeared: the run of 1.0.0 →
     * 1.1.0 takes 15 to 40 s on the test machine.
     */
    static final int KILL_WINDOW_MS = 30_000;

    static Path work;
    static Catalog catalog;
    /** The install the rollback cases share (each one leaves it at 1.0.0 again). */
    static BerthDemo shared;

    @BeforeAll
    static void catalogAndImages() throws IOException {
        DockerTestBed.require();
        work = Files.createTempDirectory("berth-soak-crash-");
        catalog = Catalog.of(work, "1.0.0", "1.1.0", "2.0.0");
        RegistryImages.publish(Docker.MAIN, "1.0.0", "1.1.0", "2.0.0");
    }

    @AfterAll
    static void cleanUp() {
        if (shared != null) {
            shared.close();
        }
        RegistryImages.forget(Docker.MAIN, "1.0.0", "1.1.0", "2.0.0");
        ContainerFiles.deleteTree(work);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void berthKilledThenRecoveredServesAndLosesNothing(Case c) {
        BerthDemo demo = sharedAt100();
        if (c.recovery() == Recovery.RESUME) {
            shared = null; // a resumed run leaves it at the new version: this case owns it now
        }
        try {
            demo.writeRecords(2);
            BerthDemo.Snapshot before = demo.snapshot();
            assertThat(before.version()).isEqualTo("1.0.0");
            RegistryImages.forget(Docker.MAIN, "1.1.0", "2.0.0"); // so the plan pulls them

            if (c.crashAt().startsWith(KILL_AFTER)) {
                if (!killAtRandomMoment(demo, c, before)) {
                    CrashLedger.record(
                            c.toString(), "ok (no run to recover: killed before it began or after it ended)");
                    return;
                }
            } else {
                BerthCli.Result crash =
                        demo.upgrade(catalog.release(c.target()), Map.of("BERTH_CRASH_AT", c.crashAt()));
                assertThat(crash.crashed())
                        .as("Berth must die at %s:%n%s", c.crashAt(), crash.describe())
                        .isTrue();
            }
            assertThat(demo.journal())
                    .as("the journal records the unfinished run")
                    .hasValueSatisfying(
                            j -> assertThat(j.path("state").asText()).isEqualTo("RUNNING"));

            BerthCli.Result after = c.recovery() == Recovery.RESUME ? demo.resume(Map.of()) : demo.rollback(Map.of());
            String expectStatus = c.recovery() == Recovery.RESUME ? "succeeded" : "rolled-back";
            assertThat(after.status()).as(after.describe()).isEqualTo(expectStatus);
            assertThat(after.exit()).isEqualTo(c.recovery() == Recovery.RESUME ? 0 : 1);
            assertThat(demo.journal()).as("no unfinished run is left").isEmpty();

            demo.awaitServing(java.time.Duration.ofSeconds(60));
            BerthDemo.Snapshot now = demo.snapshot();
            assertThat(now.version())
                    .as("the version that serves")
                    .isEqualTo(c.recovery() == Recovery.RESUME ? c.target() : "1.0.0");
            assertThat(before.differencesInData(now))
                    .as("rows, DATA_DIR files and .env values after %s", c)
                    .isEmpty();
            demo.writeRecords(1); // and it still works
            CrashLedger.record(c.toString(), "ok");
        } catch (RuntimeException | AssertionError e) {
            CrashLedger.record(
                    c.toString(),
                    "FAILED: " + e.getMessage().lines().findFirst().orElse(""));
            if (demo == shared) {
                shared.close();
                shared = null;
            }
            throw e;
        } finally {
            if (demo != shared) {
                demo.close();
            }
        }
    }

    /**
     * A real {@code kill -9} (no crash switch) of a Berth process while it stops the app: the
     * moment is taken from the journal, so the process dies while {@code docker-compose stop}
     * runs. {@code berth resume} must finish the upgrade with nothing lost.
     */
    @org.junit.jupiter.api.Test
    void aRealSigkillWhileTheAppStopsIsResumedWithNothingLost() throws Exception {
        BerthDemo demo = sharedAt100();
        shared = null; // this test leaves it at 1.1.0: it owns it now
        try {
            demo.writeRecords(2);
            BerthDemo.Snapshot before = demo.snapshot();
            Process p = demo.startUpgrade(catalog.release("1.1.0"), "sigkill");
            java.time.Instant end = java.time.Instant.now().plusSeconds(240);
            boolean killed = false;
            while (!killed && p.isAlive() && java.time.Instant.now().isBefore(end)) {
                boolean stopping = demo.journal()
                        .map(j -> {
                            for (var st : j.path("steps")) {
                                if (st.path("id").asText().equals("stop-app")
                                        && st.path("state").asText().equals("RUNNING")) {
                                    return true;
                                }
                            }
                            return false;
                        })
                        .orElse(false);
                if (stopping) {
                    Commands.run(java.time.Duration.ofSeconds(10), "kill", "-KILL", Long.toString(p.pid()))
                            .orFail();
                    killed = true;
                } else {
                    BerthDemo.sleep(50);
                }
            }
            assertThat(killed).as("Berth was killed while stop-app ran").isTrue();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(137);
            assertThat(demo.journal())
                    .hasValueSatisfying(
                            j -> assertThat(j.path("state").asText()).isEqualTo("RUNNING"));

            BerthCli.Result after = demo.resume(Map.of());
            assertThat(after.exit()).as(after.describe()).isZero();
            assertThat(after.status()).isEqualTo("succeeded");
            assertThat(demo.journal()).isEmpty();
            demo.awaitServing(java.time.Duration.ofSeconds(60));
            BerthDemo.Snapshot now = demo.snapshot();
            assertThat(now.version()).isEqualTo("1.1.0");
            assertThat(before.differencesInData(now)).isEmpty();
            demo.writeRecords(1);
            CrashLedger.record("kill -9 (real) while stop-app ran, then resume", "ok");
        } finally {
            demo.close();
        }
    }

    /**
     * Starts the upgrade and sends it a real {@code kill -9} the case's number of milliseconds
     * after its run began (its journal appeared). Returns whether an unfinished run is left to recover; when not (killed before the run
     * began, or it had already ended), checks that the install serves 1.0.0 or 1.1.0 with nothing
     * lost and that it can be written to, so every random moment proves something.
     */
    private boolean killAtRandomMoment(BerthDemo demo, Case c, BerthDemo.Snapshot before) {
        long delay = Long.parseLong(c.crashAt().substring(KILL_AFTER.length()));
        Process p = demo.startUpgrade(catalog.release(c.target()), "random-kill");
        try {
            // The moment counts from when the run began (its journal appeared), not from the JVM's
            // start: under load planning alone can take longer than the window.
            java.time.Instant giveUp = java.time.Instant.now().plusSeconds(180);
            while (demo.journal().isEmpty()
                    && p.isAlive()
                    && java.time.Instant.now().isBefore(giveUp)) {
                Thread.sleep(10);
            }
            boolean ended = p.waitFor(delay, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!ended) {
                Commands.run(java.time.Duration.ofSeconds(10), "kill", "-KILL", Long.toString(p.pid()))
                        .orFail();
                assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (demo.journal()
                .filter(j -> j.path("state").asText().equals("RUNNING"))
                .isPresent()) {
            return true;
        }
        if (p.exitValue() != 0 && p.exitValue() != 137) {
            throw new AssertionError("the upgrade failed without a kill (exit " + p.exitValue() + "):\n"
                    + readQuietly(demo.root.resolve("random-kill.err")));
        }
        demo.awaitServing(java.time.Duration.ofSeconds(60));
        BerthDemo.Snapshot now = demo.snapshot();
        assertThat(now.version()).isIn("1.0.0", "1.1.0");
        assertThat(before.differencesInData(now)).isEmpty();
        demo.writeRecords(1);
        return false;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no " + p + ": " + e.getMessage() + ")";
        }
    }

    private static BerthDemo sharedAt100() {
        if (shared != null && shared.servedVersion().filter("1.0.0"::equals).isEmpty()) {
            shared.close();
            shared = null;
        }
        if (shared == null) {
            shared = BerthDemo.installed(Docker.MAIN, catalog.release("1.0.0"), RegistryImages.answers());
        }
        return shared;
    }
}
