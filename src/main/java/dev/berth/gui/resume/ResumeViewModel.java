package dev.berth.gui.resume;

import dev.berth.engine.Engine;
import dev.berth.engine.Journal;
import dev.berth.engine.Text;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.ProgressModel.StepState;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.TaskViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Unfinished runs: after Home has found the installs, their journals are read off the FX thread;
 * a journal that records an unfinished run (a crash, the window closed mid-run) is offered for
 * resume or rollback through the engine. FX-thread only; testable without a display.
 */
public final class ResumeViewModel {

    /**
     * An unfinished run as the banner shows it.
     *
     * @param kind the run's kind as the journal names it (INSTALL, UPGRADE, ...)
     * @param rollingBack whether it stopped while rolling back (resume then finishes the rollback)
     * @param lastStep the title of the last step that began, or empty
     * @param problem why the journal could not be read; resume and rollback are then not offered
     * @param host the server the install is on ({@code user@host:port}); empty for this computer
     */
    public record Unfinished(
            Path install,
            String kind,
            String from,
            String to,
            Instant updated,
            boolean rollingBack,
            Text lastStep,
            List<Journal.StepRecord> steps,
            Map<String, Text> titles,
            Optional<String> problem,
            String host) {
        public Unfinished {
            steps = List.copyOf(steps);
            titles = Map.copyOf(titles);
            java.util.Objects.requireNonNull(host, "host");
        }

        /** The install as people read it: its folder, after the server's name when it is on one. */
        public String where() {
            return host.isEmpty() ? install.toString() : host + ":" + install;
        }

        /** The same run, found on {@code server}. */
        Unfinished onHost(String server) {
            return new Unfinished(
                    install, kind, from, to, updated, rollingBack, lastStep, steps, titles, problem, server);
        }

        /** A step's title from the journal's plan, or the English one its record keeps. */
        Text title(Journal.StepRecord r) {
            return title(titles, r);
        }

        private static Text title(Map<String, Text> titles, Journal.StepRecord r) {
            Text t = titles.get(r.id());
            return t != null ? t : Text.plain(r.title() == null ? r.id() : r.title());
        }
    }

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(ResumeViewModel.class.getName());
    private final java.util.function.Function<String, EngineAccess> engines;
    private final FxBridge bridge;
    private final RunTracker tracker;
    private final ObservableList<Unfinished> found = FXCollections.observableArrayList();
    /** What each machine's last check found; this computer ("") first, then servers as they answer. */
    private final java.util.Map<String, List<Unfinished>> byHost = new java.util.LinkedHashMap<>();

    private final java.util.Map<String, Long> generations = new java.util.HashMap<>();

    /** Unfinished runs of this computer's installs. */
    public ResumeViewModel(EngineAccess access, FxBridge bridge, RunTracker tracker) {
        this(host -> access, bridge, tracker);
    }

    /**
     * Unfinished runs of this computer's installs and the servers': {@code engines} gives the
     * engine of a machine ({@code user@host:port}; empty for this computer).
     */
    public ResumeViewModel(
            java.util.function.Function<String, EngineAccess> engines, FxBridge bridge, RunTracker tracker) {
        this.engines = engines;
        this.bridge = bridge;
        this.tracker = tracker;
        byHost.put("", List.of());
    }

    /** The unfinished runs found by the last {@link #check}. */
    public ObservableList<Unfinished> found() {
        return found;
    }

    /**
     * Reads the journals of these installs of this computer off the FX thread; replaces what was
     * found on this computer before.
     */
    public void check(List<Path> installs) {
        check("", installs);
    }

    /**
     * Reads the journals of these installs of {@code host} ({@code user@host:port}; empty for this
     * computer) off the FX thread, over SSH for a server; replaces what was found there before.
     * Installs whose run lock is held now (a run going on) are left out.
     */
    public void check(String host, List<Path> installs) {
        long mine = generations.merge(host, 1L, Long::sum);
        List<Path> dirs = List.copyOf(installs);
        bridge.run(
                () -> host.isEmpty() ? scan(dirs) : scanOn(host, dirs),
                list -> {
                    if (mine == generations.get(host)) {
                        byHost.put(host, list);
                        found.setAll(
                                byHost.values().stream().flatMap(List::stream).toList());
                    }
                },
                // scan() turns a bad journal into an entry; what is left is a bug worth a log line.
                e -> LOG.log(
                        java.util.logging.Level.WARNING,
                        "reading the journals " + (host.isEmpty() ? "here" : "on " + host) + " failed",
                        e));
    }

    /** The unfinished runs recorded in these installs of a server, read through its engine; blocking. */
    private List<Unfinished> scanOn(String host, List<Path> dirs) throws Exception {
        Engine e = engines.apply(host).engine();
        List<Path> there = dirs.stream().map(d -> e.path(d.toString())).toList();
        return scan(there, e::busy).stream().map(u -> u.onHost(host)).toList();
    }

    /** The unfinished runs recorded in these installs of this computer; blocking. */
    static List<Unfinished> scan(List<Path> dirs) {
        return scan(dirs, dev.berth.engine.InstallLock::held);
    }

    /** As {@link #scan(List)}; {@code busy} says whether a run holds an install's lock now. */
    static List<Unfinished> scan(List<Path> dirs, java.util.function.Predicate<Path> busy) {
        List<Unfinished> out = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                Optional<Journal.Snapshot> unfinished = Journal.load(dir)
                        .map(Journal::snapshot)
                        .filter(s -> s.state().unfinished());
                if (unfinished.isPresent() && busy.test(dir)) {
                    continue; // a run is going on there right now (another Berth process, or this one)
                }
                unfinished.ifPresent(s -> {
                    Map<String, Text> titles = s.titles();
                    Text last = s.steps().stream()
                            .filter(r -> r.started() != null)
                            .reduce((a, b) -> b)
                            .map(r -> Unfinished.title(titles, r))
                            .orElse(Text.plain(""));
                    out.add(new Unfinished(
                            dir,
                            s.kind(),
                            s.fromVersion(),
                            s.toVersion(),
                            s.updated(),
                            s.state() == Journal.State.ROLLING_BACK,
                            last,
                            s.steps(),
                            titles,
                            Optional.empty(),
                            ""));
                });
            } catch (RuntimeException e) {
                // An unreadable journal still means an unfinished run: say so, offer nothing.
                out.add(new Unfinished(
                        dir,
                        "",
                        "",
                        "",
                        Instant.EPOCH,
                        false,
                        Text.plain(""),
                        List.of(),
                        Map.of(),
                        Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()),
                        ""));
            }
        }
        return out;
    }

    /** A page that finishes the run through the engine. */
    public TaskViewModel resume(Unfinished u, Runnable onClose) {
        Path dir = u.install();
        return new TaskViewModel(
                bridge,
                tracker,
                new TaskViewModel.Texts(
                        "resume.title",
                        List.of(kind(u), u.where()),
                        u.rollingBack() ? "resume.text.rollback" : "resume.text",
                        List.of(u.from().isEmpty() ? "—" : u.from(), u.to(), u.lastStep()),
                        "resume.action"),
                () -> {
                    Engine e = engines.apply(u.host()).engine();
                    return new TaskViewModel.Prepared(
                            Optional.empty(),
                            steps(u),
                            (listener, cancellation) -> e.resume(dir, listener, cancellation));
                },
                () -> {
                    onClose.run();
                    recheck(u);
                });
    }

    /** A page that undoes the run through the engine. */
    public TaskViewModel rollback(Unfinished u, Runnable onClose) {
        Path dir = u.install();
        return new TaskViewModel(
                bridge,
                tracker,
                new TaskViewModel.Texts(
                        "rollback.title",
                        List.of(kind(u), u.where()),
                        "rollback.text",
                        List.of(u.from().isEmpty() ? "—" : u.from(), u.to()),
                        "rollback.action"),
                () -> {
                    Engine e = engines.apply(u.host()).engine();
                    return new TaskViewModel.Prepared(
                            Optional.empty(), steps(u), (listener, cancellation) -> e.rollback(dir, listener));
                },
                () -> {
                    onClose.run();
                    recheck(u);
                });
    }

    private void recheck(Unfinished done) {
        List<Path> dirs = new ArrayList<>(byHost.getOrDefault(done.host(), List.of()).stream()
                .map(Unfinished::install)
                .toList());
        if (!dirs.contains(done.install())) {
            dirs.add(done.install());
        }
        check(done.host(), dirs);
    }

    private static String kind(Unfinished u) {
        return u.kind().toLowerCase(Locale.ROOT);
    }

    /** The journal's steps with what they got to, for the run page. */
    static List<RunViewModel.StepSpec> steps(Unfinished u) {
        return u.steps().stream()
                .map(r -> new RunViewModel.StepSpec(r.id(), u.title(r), state(r.state())))
                .toList();
    }

    static StepState state(Journal.StepState s) {
        return switch (s) {
            case DONE -> StepState.DONE;
            case SKIPPED -> StepState.SKIPPED;
            case FAILED -> StepState.FAILED;
            case UNDONE -> StepState.UNDONE;
            // Interrupted in the middle: the engine runs (or undoes) it again.
            case PENDING, RUNNING, UNDOING -> StepState.PENDING;
        };
    }
}
