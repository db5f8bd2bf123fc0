package dev.berth.gui.home;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The guided "Docker not reachable" page: the adapter's headline, every place it tried, and what
 * to do. The message format is the docker adapter's: lines that start with {@code -}, {@code *},
 * {@code •} or white space are places tried, the other lines make the headline.
 */
public final class DockerUnreachableViewModel {
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ObservableList<String> placesTried = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rawMessage = new ReadOnlyStringWrapper(this, "rawMessage", "");
    private final Runnable retry;
    private final Runnable openSettings;

    public DockerUnreachableViewModel(Runnable retry, Runnable openSettings) {
        this.retry = retry;
        this.openSettings = openSettings;
    }

    /** Shows the adapter's message (from the exception). */
    public void show(String message) {
        rawMessage.set(message);
        List<String> head = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (String line : message.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String t = line.strip();
            if (t.startsWith("- ") || t.startsWith("* ") || t.startsWith("• ")) {
                places.add(t.substring(2).strip());
            } else if (Character.isWhitespace(line.charAt(0)) && !head.isEmpty()) {
                places.add(t);
            } else {
                head.add(t);
            }
        }
        headline.set(String.join(" ", head));
        placesTried.setAll(places);
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ObservableList<String> placesTried() {
        return placesTried;
    }

    /** The whole message as received, for copying into a bug report. */
    public ReadOnlyStringProperty rawMessageProperty() {
        return rawMessage.getReadOnlyProperty();
    }

    public void retry() {
        retry.run();
    }

    public void openSettings() {
        openSettings.run();
    }
}
