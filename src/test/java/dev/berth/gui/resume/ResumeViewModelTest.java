package dev.berth.gui.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.Journal;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import dev.berth.engine.Text;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.EngineFixtures.FakeBackups;
import dev.berth.gui.EngineFixtures.FakeRuntime;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.ProgressModel.StepState;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.TaskViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unfinished runs found in real journals, resumed and rolled back through the real engine. */
class ResumeViewModelTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final ResumeViewModel vm = new ResumeViewModel(
            EngineFixtures.access(EngineFixtures.engine(runtime, new FakeBackups())),
            FxBridge.direct(),
            new RunTracker());

    /** An install whose upgrade stopped after its first step, as a crash leaves it. */
    Path interrupted(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Plan plan = new Plan(
                Plan.Kind.UPGRADE,
                dir.toString(),
                name,
                List.of(),
                List.of(),
                List.of(),
                "1.0.0",
                "1.1.0",
                "demo",
                List.of(
                        new PlanStep.StopServices(
                                "stop-app", Text.of(Text.Key.STEP_STOP, "web"), List.of("web"), 10, List.of()),
                        new PlanStep.StartServices("start", Text.of(Text.Key.STEP_START_NEW), List.of()),
                        new PlanStep.RecordHistory("record", Text.of(Text.Key.STEP_RECORD, "1.1.0"), "1.1.0")),
                List.of(),
                Map.of(),
                List.of(),
                20,
                Plan.DataRollback.KEEP);
        Journal j = Journal.begin(
                dir,
                "run-1",
                "UPGRADE",
                "1.0.0",
                "1.1.0",
                "test",
                JsonMapper.builder().findAndAddModules().build().valueToTree(plan),
                plan.steps().stream()
                        .map(s -> new Journal.StepRecord(
                                s.id(), s.title().english(), Journal.StepState.PENDING, null, null, null))
                        .toList());
        j.stepStarted("stop-app");
        j.stepEnded("stop-app", Journal.StepState.DONE, null);
        j.stepStarted("start");
        return dir;
    }

    @Test
    void aServersUnfinishedRunIsReadThroughThatServersEngineAndListedAfterThisComputers() throws Exception {
        Path here = interrupted("here");
        Path there = interrupted("there");
        List<String> asked = new java.util.ArrayList<>();
        ResumeViewModel both = new ResumeViewModel(
                host -> {
                    asked.add(host);
                    return EngineFixtures.access(EngineFixtures.engine(runtime, new FakeBackups()));
                },
                FxBridge.direct(),
                new RunTracker());

        both.check("ana@nas.example:22", List.of(there));
        both.check(List.of(here));

        assertThat(both.found()).extracting(ResumeViewModel.Unfinished::host).containsExactly("", "ana@nas.example:22");
        assertThat(both.found().get(1).where()).isEqualTo("ana@nas.example:22:" + there);
        assertThat(both.found().get(1).install()).isEqualTo(there);
        assertThat(asked).as("only the server's journals go through an engine").containsExactly("ana@nas.example:22");

        both.check("ana@nas.example:22", List.of());

        assertThat(both.found()).extracting(ResumeViewModel.Unfinished::host).containsExactly("");
    }

    @Test
    void anUnfinishedRunIsFoundWithWhereItStopped() throws Exception {
        Path dir = interrupted("records");
        Path fine = Files.createDirectories(tmp.resolve("fine"));

        vm.check(List.of(dir, fine));

        assertThat(vm.found()).singleElement().satisfies(u -> {
            assertThat(u.install()).isEqualTo(dir);
            assertThat(u.kind()).isEqualTo("UPGRADE");
            assertThat(u.from()).isEqualTo("1.0.0");
            assertThat(u.to()).isEqualTo("1.1.0");
            assertThat(u.lastStep().english()).isEqualTo("Start the new version");
            // Read back from the journal with its key, so the banner and the run page translate it.
            assertThat(u.lastStep().key()).isEqualTo("step.start.new");
            assertThat(ResumeViewModel.steps(u).getFirst().title()).isEqualTo(Text.of(Text.Key.STEP_STOP, "web"));
            assertThat(u.rollingBack()).isFalse();
            assertThat(u.problem()).isEmpty();
        });
        assertThat(ResumeViewModel.steps(vm.found().getFirst()))
                .extracting(s -> s.initial())
                .containsExactly(StepState.DONE, StepState.PENDING, StepState.PENDING);
    }

    @Test
    void anUnreadableJournalIsReportedAndNotOffered() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("broken/.berth"));
        Files.writeString(dir.resolve("journal.json"), "{ not json");

        vm.check(List.of(dir.getParent()));

        assertThat(vm.found())
                .singleElement()
                .satisfies(u -> assertThat(u.problem()).isPresent());
    }

    @Test
    void resumingFinishesTheRunAndTheBannerEmpties() throws Exception {
        Path dir = interrupted("records");
        vm.check(List.of(dir));
        int[] closed = {0};
        TaskViewModel task = vm.resume(vm.found().getFirst(), () -> closed[0]++);
        assertThat(task.stateProperty().get()).isEqualTo(TaskViewModel.State.CONFIRM);

        task.start();

        assertThat(task.run().succeeded())
                .as(task.run().messageProperty().get().english())
                .isTrue();
        assertThat(runtime.calls).as("the step already done is not done again").doesNotContain("stop [web]");
        assertThat(runtime.calls).contains("up []");
        assertThat(InstallHistory.currentVersion(dir)).contains("1.1.0");
        task.close();
        assertThat(closed[0]).isEqualTo(1);
        assertThat(vm.found()).isEmpty();
    }

    @Test
    void rollingBackUndoesWhatTheRunDid() throws Exception {
        Path dir = interrupted("records");
        vm.check(List.of(dir));
        TaskViewModel task = vm.rollback(vm.found().getFirst(), () -> {});

        task.start();

        assertThat(task.run().statusProperty().get())
                .hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("ROLLED_BACK"));
        assertThat(runtime.calls).as("the stopped service is started again").contains("up [web]");
        assertThat(Journal.load(dir)).isEmpty();
        assertThat(InstallHistory.read(dir)).isEmpty();
    }
}
