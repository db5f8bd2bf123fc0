package dev.berth.gui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The last {@code capacity} lines of a run's log, for a list view: older lines are dropped (and
 * counted) so a chatty {@code docker compose pull} cannot eat the heap or the FX thread. The full
 * log is the engine's job. FX-thread only.
 */
public final class LogBuffer {
    private final int capacity;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObservableList<String> readOnly = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped", 0);

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** The kept lines, oldest first. */
    public ObservableList<String> lines() {
        return readOnly;
    }

    /** How many lines were dropped since the last {@link #clear()}. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Adds a line; text with line breaks becomes several lines. */
    public void append(String text) {
        appendAll(List.of(text));
    }

    /** Adds lines with one change to the list, dropping the oldest beyond capacity. */
    public void appendAll(List<String> texts) {
        List<String> add = new ArrayList<>();
        for (String t : texts) {
            for (String line : t.split("\r?\n", -1)) {
                add.add(line);
            }
        }
        if (add.size() > capacity) {
            dropped.set(dropped.get() + add.size() - capacity);
            add = add.subList(add.size() - capacity, add.size());
        }
        int excess = lines.size() + add.size() - capacity;
        if (excess > 0) {
            lines.remove(0, excess);
            dropped.set(dropped.get() + excess);
        }
        lines.addAll(add);
    }

    public void clear() {
        lines.clear();
        dropped.set(0);
    }
}
