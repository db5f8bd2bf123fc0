package dev.berth.gui.upgrade;

import dev.berth.config.merge.ConflictPolicy;
import dev.berth.config.merge.Resolution;
import dev.berth.engine.PlanReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One place that both the user and the release changed, and the user's decision about it. The
 * sides come from the planner's masked display: secrets never reach this class. FX-thread only.
 */
public final class ConflictItem {

    /** What the user decided. */
    public enum Choice {
        UNDECIDED,
        /** The release's version ("accept"). */
        TAKE_THEIRS,
        KEEP_MINE,
        /** A text the user wrote. */
        EDIT
    }

    private final PlanReport.Conflict conflict;
    private final Sides sides;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(this, "choice", Choice.UNDECIDED);
    private final StringProperty edited = new SimpleStringProperty(this, "edited", "");
    private final BooleanBinding decided;

    public ConflictItem(PlanReport.Conflict conflict) {
        this.conflict = conflict;
        this.sides = Sides.parse(conflict.display());
        decided = Bindings.createBooleanBinding(() -> choice.get() != Choice.UNDECIDED, choice);
    }

    public String path() {
        return conflict.path();
    }

    public int id() {
        return conflict.id();
    }

    /** Where in the file: a YAML key path or line ranges, as the planner describes it. */
    public String location() {
        return conflict.location();
    }

    public Sides sides() {
        return sides;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    /** The text of an EDIT decision: a YAML value for a key, or the lines replacing the hunk. */
    public StringProperty editedProperty() {
        return edited;
    }

    public BooleanBinding decided() {
        return decided;
    }

    /** The decision as the planner takes it; empty while undecided. */
    public Optional<Resolution> resolution() {
        return switch (choice.get()) {
            case UNDECIDED -> Optional.empty();
            case TAKE_THEIRS -> Optional.of(ConflictPolicy.TAKE_THEIRS);
            case KEEP_MINE -> Optional.of(ConflictPolicy.KEEP_MINE);
            case EDIT -> Optional.of(new Resolution.Edited(edited.get()));
        };
    }

    /**
     * The three versions of the conflicting place, masked, as the planner's display gives them;
     * {@code raw} when the display has another shape.
     *
     * @param base empty when absent in the base
     */
    public record Sides(Optional<String> base, Optional<String> mine, Optional<String> theirs, String raw) {

        /** Reads {@code conflict N: where}, then {@code base:}, {@code mine:}, {@code theirs:} sections. */
        static Sides parse(String display) {
            List<String> base = null;
            List<String> mine = null;
            List<String> theirs = null;
            List<String> current = null;
            for (String line : display.split("\n", -1)) {
                String t = line.strip();
                if (t.startsWith("base:")) {
                    current = base = start(t.substring(5));
                } else if (t.startsWith("mine:")) {
                    current = mine = start(t.substring(5));
                } else if (t.startsWith("theirs:")) {
                    current = theirs = start(t.substring(7));
                } else if (current != null && !line.isEmpty()) {
                    current.add(line.startsWith("    ") ? line.substring(4) : line.strip());
                }
            }
            if (mine == null || theirs == null) {
                return new Sides(Optional.empty(), Optional.empty(), Optional.empty(), display.strip());
            }
            return new Sides(text(base), text(mine), text(theirs), display.strip());
        }

        private static List<String> start(String rest) {
            List<String> l = new ArrayList<>();
            if (!rest.isBlank()) {
                l.add(rest.strip());
            }
            return l;
        }

        private static Optional<String> text(List<String> lines) {
            if (lines == null || (lines.size() == 1 && lines.getFirst().equals("(absent)"))) {
                return Optional.empty();
            }
            return Optional.of(String.join("\n", lines));
        }
    }
}
