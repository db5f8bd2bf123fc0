package dev.berth.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The crash-safe record of a run, kept in the install at {@code .berth/journal.json}. Every change
 * is written atomically and fsync'd before the step it describes goes on, so after a crash the
 * file says exactly which steps started and which finished. A finished run's journal moves to
 * {@code .berth/runs/<runId>.json}; an active {@code journal.json} therefore always means an
 * unfinished run that {@code berth resume} or {@code berth rollback} can pick up.
 *
 * <p>Not thread-safe: only the runner's worker thread writes it.
 */
public final class Journal {
    static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Where a run stands as a whole. */
    public enum State {
        RUNNING,
        ROLLING_BACK,
        SUCCEEDED,
        ROLLED_BACK,
        ROLLBACK_FAILED;

        /**
         * Whether a run in this state still needs resume or rollback. A failed rollback does: its
         * message tells the user to run {@code berth rollback} again once the cause is fixed, so
         * its journal must stay where that command looks.
         */
        public boolean unfinished() {
            return this == RUNNING || this == ROLLING_BACK || this == ROLLBACK_FAILED;
        }
    }

    /** Where one step stands. */
    public enum StepState {
        PENDING,
        RUNNING,
        DONE,
        SKIPPED,
        FAILED,
        UNDOING,
        UNDONE
    }

    /** One step's line in the journal. */
    public record StepRecord(
            String id, String title, StepState state, Instant started, Instant finished, String message) {
        StepRecord with(StepState s, Instant start, Instant end, String msg) {
            return new StepRecord(id, title, s, start, end, msg);
        }
    }

    /** The journal's content, as written to disk. */
    public record Snapshot(
            int format,
            String runId,
            String kind,
            String install,
            String fromVersion,
            String toVersion,
            String berthVersion,
            long pid,
            String host,
            Instant started,
            Instant updated,
            State state,
            List<StepRecord> steps,
            Map<String, String> facts,
            JsonNode plan,
            List<String> notes) {
        public Snapshot {
            steps = List.copyOf(steps);
            facts = Map.copyOf(facts);
            notes = List.copyOf(notes);
        }

        /** The step with this id. */
        public Optional<StepRecord> step(String id) {
            return steps.stream().filter(s -> s.id().equals(id)).findFirst();
        }

        /**
         * Step id → the step's title as the plan in the journal has it, for showing it in the
         * user's language. A title that is not a text (another Berth's journal) is left out: the
         * English title of the step's record stands in for it.
         */
        public Map<String, Text> titles() {
            Map<String, Text> out = new java.util.HashMap<>();
            if (plan == null) {
                return out;
            }
            for (JsonNode step : plan.path("steps")) {
                JsonNode title = step.get("title");
                if (title == null || !step.hasNonNull("id")) {
                    continue;
                }
                try {
                    out.put(step.get("id").asText(), JSON.treeToValue(title, Text.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                    java.util.logging.Logger.getLogger(Journal.class.getName())
                            .log(java.util.logging.Level.FINE, "step " + step.get("id") + ": title not a text", e);
                }
            }
            return out;
        }
    }

    private final Path file;
    private final Path runsDir;
    private Snapshot snapshot;
    /** Whether {@code .berth} is known to exist: checked once, not before every write (a round trip each over SFTP). */
    private boolean folderMade;

    private Journal(Path berthDir, Snapshot snapshot) {
        this.file = berthDir.resolve("journal.json");
        this.runsDir = berthDir.resolve("runs");
        this.snapshot = snapshot;
    }

    /** The {@code .berth} folder of an install. */
    public static Path berthDir(Path install) {
        return install.resolve(".berth");
    }

    /**
     * Begins the journal of a new run and writes it.
     *
     * @throws IllegalStateException when an unfinished run's journal is already there
     */
    public static Journal begin(
            Path install,
            String runId,
            String kind,
            String fromVersion,
            String toVersion,
            String berthVersion,
            JsonNode plan,
            List<StepRecord> steps) {
        Path dir = berthDir(install);
        Optional<Journal> existing = load(install);
        if (existing.isPresent() && existing.get().snapshot().state().unfinished()) {
            throw new EngineFailure(Text.of(
                    Text.Key.ERROR_RUN_UNFINISHED,
                    existing.get().snapshot().kind(),
                    existing.get().snapshot().runId(),
                    existing.get().file.toString(),
                    install.toString()));
        }
        Instant now = Instant.now();
        Snapshot s = new Snapshot(
                1,
                runId,
                kind,
                install.toAbsolutePath().toString(),
                fromVersion,
                toVersion,
                berthVersion,
                ProcessHandle.current().pid(),
                hostName(),
                now,
                now,
                State.RUNNING,
                steps,
                Map.of(),
                plan,
                List.of());
        Journal j = new Journal(dir, s);
        j.write();
        return j;
    }

    /** The active journal of an install, if it has one. */
    public static Optional<Journal> load(Path install) {
        Path dir = berthDir(install);
        Path f = dir.resolve("journal.json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Journal(dir, JSON.readValue(Files.readAllBytes(f), Snapshot.class)));
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_JOURNAL_UNREADABLE, f, e);
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public Path file() {
        return file;
    }

    /** Records that a step began; written before the step does anything. */
    public void stepStarted(String id) {
        updateStep(id, r -> r.with(StepState.RUNNING, Instant.now(), null, null));
    }

    /** Records how a step ended. */
    public void stepEnded(String id, StepState state, String message) {
        updateStep(id, r -> r.with(state, r.started(), Instant.now(), message));
    }

    /** Records a fact a later step or a rollback needs (a backup's path, an old image's digest). */
    public void fact(String key, String value) {
        Map<String, String> f = new LinkedHashMap<>(snapshot.facts());
        f.put(key, value);
        replace(snapshot.state(), snapshot.steps(), f, snapshot.notes());
    }

    /** Adds a line for the report (what was done, which rollback path was taken). */
    public void note(String line) {
        List<String> n = new ArrayList<>(snapshot.notes());
        n.add(line);
        replace(snapshot.state(), snapshot.steps(), snapshot.facts(), n);
    }

    /** Changes the run's state; a finished state moves the journal to {@code .berth/runs/}. */
    public void state(State state) {
        replace(state, snapshot.steps(), snapshot.facts(), snapshot.notes());
        if (!state.unfinished()) {
            try {
                Files.createDirectories(runsDir);
                AtomicFiles.move(file, runsDir.resolve(snapshot.runId() + ".json"));
            } catch (IOException e) {
                throw new EngineIOException(Text.of(Text.Key.ERROR_JOURNAL_NOT_ARCHIVED, file.toString()), e);
            }
        }
    }

    public Optional<String> fact(String key) {
        return Optional.ofNullable(snapshot.facts().get(key));
    }

    private void updateStep(String id, java.util.function.UnaryOperator<StepRecord> change) {
        List<StepRecord> steps = new ArrayList<>(snapshot.steps());
        boolean found = false;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(id)) {
                steps.set(i, change.apply(steps.get(i)));
                found = true;
            }
        }
        if (!found) {
            steps.add(change.apply(new StepRecord(id, id, StepState.PENDING, null, null, null)));
        }
        replace(snapshot.state(), steps, snapshot.facts(), snapshot.notes());
    }

    private void replace(State state, List<StepRecord> steps, Map<String, String> facts, List<String> notes) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(
                s.format(),
                s.runId(),
                s.kind(),
                s.install(),
                s.fromVersion(),
                s.toVersion(),
                s.berthVersion(),
                s.pid(),
                s.host(),
                s.started(),
                Instant.now(),
                state,
                steps,
                facts,
                s.plan(),
                notes);
        write();
    }

    private void write() {
        try {
            if (!folderMade) {
                Files.createDirectories(file.getParent());
                folderMade = true;
            }
            AtomicFiles.write(file, JSON.writeValueAsBytes(snapshot), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_JOURNAL_UNWRITABLE, file, e);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
