package dev.berth.config.merge;

import dev.berth.config.ConfigException;
import dev.berth.config.diff.TextLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of a three-way merge of one file: the merged text when nothing conflicts, else the
 * conflicts to settle with {@link #resolve} or {@link #resolveAll}, plus where every change came
 * from. Immutable and thread-safe. The texts it returns may hold secrets: write them to the file,
 * never to a log or the console; show conflicts through {@link MergeConflict#display}.
 */
public final class MergeResult {
    private final String fileName;
    private final MergeMethod method;
    private final Optional<String> fallbackReason;
    private final List<MergeConflict> conflicts;
    private final List<MergeChange> changes;
    private final MergePlan plan;
    private final TextLines shape;
    private final Optional<String> mergedText;

    private MergeResult(
            String fileName,
            MergeMethod method,
            Optional<String> fallbackReason,
            List<MergeChange> changes,
            MergePlan plan,
            TextLines shape,
            Optional<String> wholeText) {
        this.fileName = fileName;
        this.method = method;
        this.fallbackReason = fallbackReason;
        this.changes = List.copyOf(changes);
        this.plan = plan;
        this.shape = shape;
        this.conflicts = plan == null
                ? List.of()
                : plan.conflicts().stream().map(MergePlan.Conflict::conflict).toList();
        if (wholeText.isPresent()) {
            this.mergedText = wholeText;
        } else if (conflicts.isEmpty()) {
            this.mergedText = Optional.of(settledText(plan));
        } else {
            this.mergedText = Optional.empty();
        }
    }

    static MergeResult whole(String fileName, String text, List<MergeChange> changes) {
        return new MergeResult(
                fileName, MergeMethod.WHOLE_FILE, Optional.empty(), changes, null, null, Optional.of(text));
    }

    static MergeResult planned(
            String fileName,
            MergeMethod method,
            Optional<String> fallbackReason,
            List<MergeChange> changes,
            MergePlan plan,
            TextLines shape) {
        return new MergeResult(fileName, method, fallbackReason, changes, plan, shape, Optional.empty());
    }

    public String fileName() {
        return fileName;
    }

    public MergeMethod method() {
        return method;
    }

    /** Why a YAML file was merged by lines instead of by keys; empty otherwise. */
    public Optional<String> fallbackReason() {
        return fallbackReason;
    }

    /** The conflicts, numbered from 1 in file order; empty when the merge is clean. */
    public List<MergeConflict> conflicts() {
        return conflicts;
    }

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }

    /** Every change in the merged file and whose it is; conflicts are not listed here. */
    public List<MergeChange> changes() {
        return changes;
    }

    /** The merged text, present when nothing conflicts. */
    public Optional<String> mergedText() {
        return mergedText;
    }

    /**
     * The final text with the user's decision for each conflict.
     *
     * @param decisions a resolution for every conflict id
     * @throws IllegalArgumentException when a conflict has no decision
     * @throws ConfigException when an edited value is not valid YAML or does not fit its place;
     *     nothing was written, ask the user to edit it again
     */
    public String resolve(Map<Integer, ? extends Resolution> decisions) {
        List<Integer> missing = new ArrayList<>();
        for (MergeConflict c : conflicts) {
            if (!decisions.containsKey(c.id())) {
                missing.add(c.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no decision for conflict(s) " + missing + " of " + fileName);
        }
        return render(decisions::get);
    }

    /** The final text with one decision for every conflict ({@code --keep-mine} or {@code --take-theirs}). */
    public String resolveAll(ConflictPolicy policy) {
        return render(id -> policy);
    }

    /**
     * The text with each conflict between {@code <<<<<<< mine}, {@code ||||||| base},
     * {@code =======} and {@code >>>>>>> theirs} markers, for a user who settles conflicts in an
     * editor. Holds secrets like the file itself.
     */
    public String withConflictMarkers() {
        if (plan == null) {
            return mergedText.orElseThrow();
        }
        try {
            return shaped(plan.renderWithMarkers());
        } catch (NotMergeable e) {
            throw new IllegalStateException("conflict markers of " + fileName + " overlap: " + e.getMessage(), e);
        }
    }

    /** The text of a plan without conflicts; the plan was checked when it was made. */
    private String settledText(MergePlan plan) {
        try {
            return shaped(plan.render(id -> ConflictPolicy.KEEP_MINE));
        } catch (NotMergeable e) {
            throw new IllegalStateException("merging " + fileName + " gave overlapping edits: " + e.getMessage(), e);
        }
    }

    private String render(Function<Integer, Resolution> decide) {
        if (plan == null) {
            return mergedText.orElseThrow();
        }
        boolean edited = conflicts.stream().anyMatch(c -> decide.apply(c.id()) instanceof Resolution.Edited);
        try {
            String text = plan.render(decide);
            Optional<String> problem = plan.check().problem(text, decide);
            if (problem.isPresent()) {
                throw new NotMergeable(problem.get());
            }
            return shaped(text);
        } catch (NotMergeable e) {
            if (edited) {
                throw new ConfigException(
                        fileName,
                        "an edited conflict value does not fit: " + e.getMessage()
                                + "; nothing was written, edit the value again (one line of YAML fits everywhere)",
                        e);
            }
            throw new IllegalStateException(
                    "merging " + fileName + " gave an inconsistent result: " + e.getMessage(), e);
        }
    }

    private String shaped(String lfText) {
        return shape.join(TextLines.of(lfText).lines());
    }
}
