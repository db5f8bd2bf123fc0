package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.config.env.EnvParser;
import dev.berth.engine.Engine;
import dev.berth.engine.Journal;
import dev.berth.engine.Plan;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.EngineFixtures.FakeBackups;
import dev.berth.gui.EngineFixtures.FakeRuntime;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared run of the wizard screens on the real configure planner and runner over a recording
 * fake of Docker: a demo install's title changed.
 */
class RunControllerTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final Engine engine = EngineFixtures.engine(runtime, new FakeBackups());
    final int port = EngineFixtures.freePort();
    final RunTracker tracker = new RunTracker();

    Path install() throws Exception {
        return EngineFixtures.demoInstall(
                tmp.resolve("install"),
                "1.0.0",
                Map.of("WEB_PORT", Integer.toString(port), "DB_PASSWORD", "pw-of-the-user-123456"));
    }

    Plan plan(Path dir) {
        Plan p = engine.planConfigure(engine.inspect(dir), Map.of("APP_TITLE", "Renamed"), Map.of())
                .plan();
        assertThat(p.refused()).as(p.checks().toString()).isFalse();
        return p;
    }

    RunController controller(Path dir) {
        return new RunController(FxBridge.direct(), tracker, () -> Optional.of(dir));
    }

    @Test
    void aRunShowsTheRunPageRunsThePlanWithItsEngineAndEndsWithNothingToUndo() throws Exception {
        Path dir = install();
        Plan p = plan(dir);
        RunController runs = controller(dir);
        assertThat(runs.screenProperty().get()).isEqualTo(RunController.Screen.WIZARD);

        HttpServer web = EngineFixtures.healthServer(port);
        try {
            assertThat(runs.start(engine, p)).isTrue();
        } finally {
            web.stop(0);
        }

        assertThat(runs.screenProperty().get()).isEqualTo(RunController.Screen.RUN);
        assertThat(runs.succeeded())
                .as(runs.run().messageProperty().get().english())
                .isTrue();
        assertThat(EnvParser.parse(dir.resolve(".env")).values()).containsEntry("APP_TITLE", "Renamed");
        assertThat(runs.ran()).contains(p);
        assertThat(runs.healthy()).contains(true);
        assertThat(runs.journalLeftProperty().get()).isFalse();
        assertThat(runs.busy()).isFalse();
        assertThat(tracker.active()).isFalse();
        assertThat(runs.back())
                .as("nothing to go back for after a run that worked")
                .isFalse();
        assertThat(runs.rollback()).as("nothing to undo").isFalse();
    }

    @Test
    void aRunThatRolledBackGoesBackToTheWizard() throws Exception {
        Path dir = install();
        Plan p = plan(dir);
        RunController runs = controller(dir);
        runtime.failUp = "port is already allocated";
        runtime.failUpCalls.set(1); // the new settings fail to start; the old ones start again

        runs.start(engine, p);

        assertThat(runs.succeeded()).isFalse();
        assertThat(runs.journalLeftProperty().get()).isFalse();
        assertThat(EnvParser.parse(dir.resolve(".env")).values()).doesNotContainEntry("APP_TITLE", "Renamed");
        assertThat(runs.back()).isTrue();
        assertThat(runs.screenProperty().get()).isEqualTo(RunController.Screen.WIZARD);
    }

    @Test
    void aRunWhoseRollbackFailedLeavesItsJournalAndIsUndoneOnTheSamePage() throws Exception {
        Path dir = install();
        Plan p = plan(dir);
        RunController runs = controller(dir);
        runtime.failUp = "no space left on device";
        runtime.failUpCalls.set(100); // neither the new nor the old settings start

        runs.start(engine, p);

        assertThat(runs.succeeded()).isFalse();
        assertThat(runs.journalLeftProperty().get())
                .as("the rollback could not start the app again: the journal stays")
                .isTrue();
        assertThat(runs.back())
                .as("not back to the wizard while the run is unfinished")
                .isFalse();
        assertThat(runs.screenProperty().get()).isEqualTo(RunController.Screen.RUN);

        runtime.failUp = null; // Docker works again
        HttpServer web = EngineFixtures.healthServer(port);
        try {
            assertThat(runs.rollback()).isTrue();
        } finally {
            web.stop(0);
        }

        assertThat(runs.run().stateProperty().get()).isEqualTo(RunViewModel.State.FINISHED);
        assertThat(Journal.load(dir).filter(j -> j.snapshot().state().unfinished()))
                .isEmpty();
        assertThat(runs.journalLeftProperty().get()).isFalse();
        assertThat(EnvParser.parse(dir.resolve(".env")).values()).doesNotContainEntry("APP_TITLE", "Renamed");
    }

    @Test
    void aRefusedPlanIsNotStarted() throws Exception {
        Path dir = install();
        Plan p = engine.planConfigure(engine.inspect(dir), Map.of("WEB_PORT", "not a port"), Map.of())
                .plan();
        RunController runs = controller(dir);

        assertThat(p.refused()).isTrue();
        assertThat(runs.start(engine, p)).isFalse();
        assertThat(runs.screenProperty().get()).isEqualTo(RunController.Screen.WIZARD);
        assertThat(runs.ran()).isEmpty();
    }
}
