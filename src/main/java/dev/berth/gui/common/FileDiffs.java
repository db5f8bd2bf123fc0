package dev.berth.gui.common;

import dev.berth.config.diff.DiffHunk;
import dev.berth.config.diff.SecretMasker;
import dev.berth.config.diff.TextDiff;
import dev.berth.config.diff.UnifiedDiff;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The diffs the review pages show: every file a plan's last apply step writes (it holds the
 * merged result of all hops), side by side with the file it replaces, secrets masked. Blocking
 * (reads files); call it on a worker thread.
 */
public final class FileDiffs {
    /** Files larger than this are listed but not shown. */
    static final long MAX_BYTES = 1024 * 1024;

    private FileDiffs() {}

    /**
     * The files of the plan's last apply step, in path order, without Berth's own files under
     * {@code .berth/}.
     *
     * @param before the text each file has now (or its template), by path; empty when there is none
     * @param secretNames names the manifest marks secret besides those secret by name
     */
    public static List<FileDiff> ofPlan(Plan plan, Function<String, Optional<String>> before, Set<String> secretNames) {
        Optional<PlanStep.ApplyFiles> apply = lastApply(plan);
        if (apply.isEmpty()) {
            return List.of();
        }
        Path staging = Path.of(plan.install()).resolve(apply.get().staging());
        TextDiff text = new TextDiff(
                new SecretMasker(n -> SecretMasker.isSecretByName(n) || secretNames.contains(n)),
                TextDiff.DEFAULT_CONTEXT);
        List<FileDiff> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(apply.get().files()).entrySet()) {
            String path = e.getKey();
            if (path.startsWith(".berth/")) {
                continue;
            }
            boolean deleted = e.getValue().isEmpty();
            Optional<String> now = deleted ? Optional.empty() : read(staging.resolve(path));
            Optional<String> was = before.apply(path);
            FileDiff.Change change =
                    deleted ? FileDiff.Change.REMOVED : was.isEmpty() ? FileDiff.Change.ADDED : FileDiff.Change.CHANGED;
            out.add(diff(text, path, change, was, now, !deleted && now.isEmpty()));
        }
        // Files that change first; those written as they are in the release after them.
        out.sort(java.util.Comparator.comparing((FileDiff d) -> d.change() == FileDiff.Change.SAME));
        return out;
    }

    /** The plan's last apply step, which holds every file the run writes. */
    public static Optional<PlanStep.ApplyFiles> lastApply(Plan plan) {
        PlanStep.ApplyFiles last = null;
        for (PlanStep s : plan.steps()) {
            if (s instanceof PlanStep.ApplyFiles a) {
                last = a;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The text of files under a folder (an install), by relative path; empty when absent or not text. */
    public static Function<String, Optional<String>> filesIn(Path dir) {
        return p -> read(dir.resolve(p));
    }

    static FileDiff diff(
            TextDiff text,
            String path,
            FileDiff.Change change,
            Optional<String> was,
            Optional<String> now,
            boolean hidden) {
        if (hidden) {
            return new FileDiff(path, change, List.of(), 0, 0, false);
        }
        UnifiedDiff d = text.diff("a/" + path, was.orElse(""), "b/" + path, now.orElse(""));
        if (d.isEmpty() && change == FileDiff.Change.CHANGED) {
            return new FileDiff(path, FileDiff.Change.SAME, List.of(), 0, 0, true);
        }
        List<FileDiff.Row> rows = new ArrayList<>();
        int added = 0;
        int removed = 0;
        for (DiffHunk h : d.hunks()) {
            rows.add(new FileDiff.Row.Hunk(h.header()));
            for (var pair : h.sideBySide()) {
                rows.add(new FileDiff.Row.Line(pair));
            }
            for (var l : h.lines()) {
                switch (l.kind()) {
                    case ADDED -> added++;
                    case REMOVED -> removed++;
                    case CONTEXT -> {}
                }
            }
        }
        return new FileDiff(path, change, rows, added, removed, true);
    }

    /** A file's text; empty when it is missing, binary or too large to show. */
    static Optional<String> read(Path p) {
        try {
            if (!Files.isRegularFile(p) || Files.size(p) > MAX_BYTES) {
                return Optional.empty();
            }
            byte[] b = Files.readAllBytes(p);
            for (byte x : b) {
                if (x == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + p + " to show its changes: " + e.getMessage(), e);
        }
    }
}
