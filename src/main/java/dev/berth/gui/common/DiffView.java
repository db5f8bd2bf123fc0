package dev.berth.gui.common;

import atlantafx.base.theme.Styles;
import dev.berth.config.diff.DiffLine;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The files a run writes: a list of files with their change counts beside the chosen file's diff,
 * side by side (old on the left, new on the right, one row per line pair, hunk headers between).
 * Secrets are already masked in the rows. Node ids: {@code #diff-files}, {@code #diff-title},
 * {@code #diff-rows}; rows carry the style classes {@code diff-added}, {@code diff-removed},
 * {@code diff-context}, {@code diff-hunk}.
 */
public final class DiffView extends SplitPane {

    /**
     * @param files the diffs; the view follows changes of the list
     * @param selected the path of the file shown (a view-model's, so it survives a language switch)
     */
    public DiffView(ObservableList<FileDiff> files, StringProperty selected, Messages m) {
        getStyleClass().add("diff-view");
        setOrientation(Orientation.HORIZONTAL);

        ListView<FileDiff> list = new ListView<>(files);
        list.setId("diff-files");
        list.setAccessibleText(m.get("diff.files.access"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(FileDiff f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setText(null);
                    setGraphic(null);
                    setAccessibleText(null);
                    return;
                }
                Label name = new Label(f.path());
                name.getStyleClass().add("monospace");
                String kind = m.get("diff.change." + f.change().name().toLowerCase(Locale.ROOT));
                boolean counted = f.shown() && f.change() != FileDiff.Change.SAME;
                Label counts = new Label(counted ? m.get("diff.counts", f.added(), f.removed(), kind) : kind);
                counts.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                setGraphic(new VBox(2, name, counts));
                setText(null);
                setAccessibleText(m.get("diff.file.access", f.path(), counts.getText()));
            }
        });

        Label title = new Label();
        title.setId("diff-title");
        title.getStyleClass().addAll(Styles.TITLE_4, "monospace");
        ListView<FileDiff.Row> rows = new ListView<>();
        rows.setId("diff-rows");
        rows.getStyleClass().addAll("diff-rows", Styles.DENSE);
        rows.setAccessibleText(m.get("diff.rows.access"));
        // Each side half the view; long lines wrap within their side, so the two columns always
        // show together and nothing is cut off.
        DoubleProperty sideWidth = new SimpleDoubleProperty(300);
        rows.widthProperty().addListener((o, was, now) -> sideWidth.set(Math.max(120, (now.doubleValue() - 24) / 2)));
        rows.setCellFactory(v -> new RowCell(m, sideWidth));
        VBox.setVgrow(rows, Priority.ALWAYS);
        Label note = new Label();
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setWrapText(true);
        note.managedProperty().bind(note.visibleProperty());
        VBox right = new VBox(6, title, note, rows);
        right.setPadding(new Insets(0, 0, 0, 8));

        Runnable show = () -> {
            Optional<FileDiff> f =
                    files.stream().filter(x -> x.path().equals(selected.get())).findFirst();
            if (f.isEmpty() && !files.isEmpty()) {
                selected.set(files.getFirst().path());
                return;
            }
            title.setText(f.map(FileDiff::path).orElse(""));
            rows.getItems().setAll(f.map(FileDiff::rows).orElse(java.util.List.of()));
            String text = f.isEmpty()
                    ? m.get("diff.none")
                    : !f.get().shown() ? m.get("diff.hidden") : f.get().rows().isEmpty() ? m.get("diff.same") : "";
            note.setText(text);
            note.setVisible(!text.isEmpty());
            f.ifPresent(x -> {
                if (list.getSelectionModel().getSelectedItem() != x) {
                    list.getSelectionModel().select(x);
                }
            });
        };
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selected.set(now.path());
            }
        });
        selected.addListener(o -> show.run());
        files.addListener((ListChangeListener<FileDiff>) c -> show.run());
        show.run();

        getItems().addAll(list, right);
        setDividerPositions(0.28);
    }

    private static final double NUMBER_WIDTH = 38;

    /** A hunk header or a pair of lines, old left and new right, with line numbers. */
    private static final class RowCell extends ListCell<FileDiff.Row> {
        private final Messages m;
        private final DoubleProperty sideWidth;

        RowCell(Messages m, DoubleProperty sideWidth) {
            this.m = m;
            this.sideWidth = sideWidth;
        }

        /** As tall as the wrapped lines need at the list's width (the list may ask without one). */
        @Override
        protected double computePrefHeight(double width) {
            Node g = getGraphic();
            if (g == null || getListView() == null) {
                return super.computePrefHeight(width);
            }
            double w = width > 0 ? width : getListView().getWidth() - 20;
            return snappedTopInset() + g.prefHeight(w) + snappedBottomInset();
        }

        @Override
        protected void updateItem(FileDiff.Row row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("diff-hunk-cell");
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                setAccessibleText(null);
                return;
            }
            setText(null);
            switch (row) {
                case FileDiff.Row.Hunk h -> {
                    Label l = new Label(h.header());
                    l.getStyleClass().addAll("diff-hunk", "monospace");
                    l.setMaxWidth(Double.MAX_VALUE);
                    setGraphic(l);
                    setAccessibleText(h.header());
                }
                case FileDiff.Row.Line line -> {
                    Region left = side(line.pair().left(), true);
                    Region right = side(line.pair().right(), false);
                    for (Region r : new Region[] {left, right}) {
                        r.minWidthProperty().bind(sideWidth);
                        r.prefWidthProperty().bind(sideWidth);
                        r.maxWidthProperty().bind(sideWidth);
                    }
                    HBox box = new HBox(0, left, right);
                    box.setFillHeight(true);
                    setGraphic(box);
                    setAccessibleText(m.get(
                            "diff.row.access",
                            line.pair().left().map(DiffLine::text).orElse(""),
                            line.pair().right().map(DiffLine::text).orElse("")));
                }
            }
        }

        private static Region side(Optional<DiffLine> line, boolean old) {
            Label no = new Label(line.map(l -> Integer.toString(old ? l.oldNumber() : l.newNumber()))
                    .orElse(""));
            no.getStyleClass().addAll("diff-number", "monospace");
            no.setMinWidth(NUMBER_WIDTH);
            no.setAlignment(Pos.CENTER_RIGHT);
            no.setMinWidth(NUMBER_WIDTH);
            Label text = new Label(line.map(DiffLine::text).orElse(""));
            text.getStyleClass().add("monospace");
            text.setWrapText(true);
            text.setMinWidth(0);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox box = new HBox(8, no, text);
            box.getStyleClass()
                    .add(line.map(l -> switch (l.kind()) {
                                case ADDED -> "diff-added";
                                case REMOVED -> "diff-removed";
                                case CONTEXT -> "diff-context";
                            })
                            .orElse("diff-blank"));
            return box;
        }
    }
}
