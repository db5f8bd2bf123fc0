package dev.berth.gui.install;

import atlantafx.base.theme.Styles;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.DiffView;
import dev.berth.gui.common.EnvField;
import dev.berth.gui.common.EnvFormView;
import dev.berth.gui.common.Formats;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.PlanView;
import dev.berth.gui.common.ReleaseChoiceView;
import dev.berth.gui.common.RunView;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.WizardFrame;
import dev.berth.gui.common.WizardStep;
import java.io.File;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The install wizard and its run page. Node ids: {@code #install-wizard} (the wizard frame, see
 * {@link WizardFrame} for its buttons), the release page's ({@link ReleaseChoiceView}), {@code
 * #install-target}, {@code #install-target-browse}, {@code #install-target-problem}, {@code
 * #install-project}, {@code #install-data}, {@code #install-data-browse}, {@code
 * #install-data-problem}, {@code #install-free}, {@code #install-start}, the env form's ({@link
 * EnvFormView}), {@code #review-planning}, {@code #review-error}, {@code #review-retry}, {@code
 * #review-summary}, the plan's ({@link PlanView}), the diffs' ({@link DiffView}), the run page's
 * ({@link RunView}), {@code #install-open-app}, {@code #install-open-folder}, {@code
 * #install-back}, {@code #install-done}.
 */
public final class InstallView extends StackPane {
    private final InstallViewModel vm;
    private final Messages m;

    public InstallView(InstallViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        getStyleClass().add("install-view");
        WizardFrame<WizardStep> frame = new WizardFrame<>(vm.wizard(), m, this::page);
        frame.setId("install-wizard");
        Runnable show = () -> {
            if (vm.screenProperty().get() == dev.berth.gui.common.RunController.Screen.RUN) {
                String title = m.get(
                        "install.running",
                        vm.release().loadedProperty().get().map(l -> l.app()).orElse(""),
                        vm.release()
                                .loadedProperty()
                                .get()
                                .map(l -> l.release().version().raw())
                                .orElse(""));
                getChildren().setAll(new RunView(vm.run(), m, title, done()));
            } else {
                getChildren().setAll(frame);
            }
        };
        vm.screenProperty().addListener(o -> show.run());
        show.run();
    }

    private Node page(WizardStep step) {
        if (step == vm.releaseStep()) {
            return new ReleaseChoiceView(vm.release(), m, null);
        }
        if (step == vm.locationStep()) {
            // The data folder field comes from the release: build again when another is loaded.
            VBox box = new VBox();
            Runnable fill = () -> box.getChildren().setAll(location());
            vm.dataDirProperty().addListener(o -> fill.run());
            fill.run();
            return box;
        }
        if (step == vm.envStep()) {
            VBox box = new VBox();
            Runnable fill = () ->
                    box.getChildren().setAll(new EnvFormView(vm.formProperty().get(), m));
            vm.formProperty().addListener(o -> fill.run());
            fill.run();
            return box;
        }
        return review();
    }

    private Node location() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(680);
        grid.getColumnConstraints().addAll(labels, fields);

        TextField target = new TextField();
        target.setId("install-target");
        target.textProperty().bindBidirectional(vm.targetProperty());
        HBox.setHgrow(target, Priority.ALWAYS);
        Button browse = new Button(m.get("env.browse"), Icons.of(Icons.Icon.FOLDER, 14));
        browse.setId("install-target-browse");
        browse.setAccessibleHelp(m.get("install.target.browse.help"));
        browse.setOnAction(e -> chooseFolder(m.get("install.target.choose"))
                .ifPresent(f -> vm.targetProperty().set(new File(f, folderName()).getAbsolutePath())));
        Label targetProblem = problem("install-target-problem");
        targetProblem
                .textProperty()
                .bind(vm.targetProblemProperty()
                        .map(p -> p.map(x -> m.get("install.target." + x.name().toLowerCase(Locale.ROOT)))
                                .orElse("")));
        row(grid, 0, "install.target", new HBox(6, target, browse), target, targetProblem, "install.target.hint");

        TextField project = new TextField();
        project.setId("install-project");
        project.textProperty().bindBidirectional(vm.projectProperty());
        project.setMaxWidth(300);
        row(grid, 1, "install.project", project, project, null, "install.project.hint");

        int next = 2;
        Optional<EnvField> data = vm.dataDirProperty().get();
        if (data.isPresent()) {
            EnvField f = data.get();
            TextField dir = new TextField();
            dir.setId("install-data");
            dir.textProperty().bindBidirectional(f.valueProperty());
            HBox.setHgrow(dir, Priority.ALWAYS);
            Button dataBrowse = new Button(m.get("env.browse"), Icons.of(Icons.Icon.FOLDER, 14));
            dataBrowse.setId("install-data-browse");
            dataBrowse.setAccessibleHelp(m.get("install.data.browse.help"));
            dataBrowse.setOnAction(e -> chooseFolder(m.get("install.data.choose"))
                    .ifPresent(x -> f.valueProperty().set(x.getAbsolutePath())));
            Label dataProblem = problem("install-data-problem");
            dataProblem
                    .textProperty()
                    .bind(f.problem()
                            .map(p -> p.map(x -> EnvFormView.problemText(m, x)).orElse("")));
            String hint = f.docs().isEmpty() ? m.get("install.data.hint") : f.docs();
            row(grid, next++, "install.data", new HBox(6, dir, dataBrowse), dir, dataProblem, null);
            Label docs = new Label(hint);
            docs.setWrapText(true);
            docs.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            grid.add(docs, 1, next++);
        }
        Label free = new Label();
        free.setId("install-free");
        free.getStyleClass().add(Styles.TEXT_SMALL);
        free.textProperty()
                .bind(vm.freeSpaceProperty()
                        .map(s -> s.isPresent()
                                ? m.get("install.free", Formats.bytes(m, s.getAsLong()))
                                : m.get("install.free.unknown")));
        grid.add(free, 1, next++);

        CheckBox start = new CheckBox(m.get("install.start"));
        start.setId("install-start");
        start.setMnemonicParsing(true);
        start.selectedProperty().bindBidirectional(vm.startProperty());
        start.setAccessibleHelp(m.get("install.start.help"));
        GridPane.setMargin(start, new Insets(10, 0, 0, 0));
        grid.add(start, 1, next);
        return grid;
    }

    private String folderName() {
        String t = vm.targetProperty().get();
        String name = t.isBlank() ? "" : new File(t).getName();
        return name.isEmpty() ? "app" : name;
    }

    private void row(
            GridPane grid,
            int row,
            String key,
            Node node,
            javafx.scene.control.Control control,
            Label problem,
            String hint) {
        Label label = new Label(m.get(key));
        label.setMnemonicParsing(true);
        label.setLabelFor(control);
        GridPane.setValignment(label, VPos.TOP);
        GridPane.setMargin(label, new Insets(6, 0, 0, 0));
        control.setAccessibleText(Messages.withoutMnemonic(m.get(key)));
        VBox box = new VBox(4, node);
        if (problem != null) {
            box.getChildren().add(problem);
        }
        if (hint != null) {
            Label h = new Label(m.get(hint));
            h.setWrapText(true);
            h.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            box.getChildren().add(h);
            control.setAccessibleHelp(m.get(hint));
        }
        grid.add(label, 0, row);
        grid.add(box, 1, row);
    }

    private static Label problem(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, "field-problem");
        l.setWrapText(true);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private Optional<File> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(getScene().getWindow()));
    }

    private Node review() {
        VBox box = new VBox(14);
        Runnable fill = () -> box.getChildren().setAll(reviewContent());
        vm.planStateProperty().addListener(o -> fill.run());
        fill.run();
        return box;
    }

    private java.util.List<Node> reviewContent() {
        return switch (vm.planStateProperty().get()) {
            case IDLE, PLANNING -> {
                ProgressIndicator spin = new ProgressIndicator();
                spin.setPrefSize(22, 22);
                Label text = new Label(m.get("review.planning"));
                HBox row = new HBox(10, spin, text);
                row.setId("review-planning");
                row.setAlignment(Pos.CENTER_LEFT);
                yield java.util.List.of(row);
            }
            case FAILED -> {
                Label title = new Label(m.get("review.failed"), Icons.of(Icons.Icon.ERROR, 20));
                title.getStyleClass().add(Styles.TITLE_4);
                Label text = new Label(m.text(vm.planErrorProperty().get()));
                text.setId("review-error");
                text.setWrapText(true);
                text.getStyleClass().add("monospace");
                Button retry = new Button(m.get("review.retry"), Icons.of(Icons.Icon.REFRESH, 14));
                retry.setId("review-retry");
                retry.setOnAction(e -> vm.plan());
                yield java.util.List.of(title, text, retry);
            }
            case READY -> {
                UpgradePlanner.Result r = vm.planProperty().get().orElseThrow();
                Label summary = new Label(m.get(
                        "install.summary",
                        vm.release().loadedProperty().get().map(l -> l.app()).orElse(""),
                        r.plan().toVersion(),
                        r.plan().install(),
                        r.plan().project()));
                summary.setId("review-summary");
                summary.setWrapText(true);
                Label files = new Label(m.get("review.files"));
                files.getStyleClass().add(Styles.TITLE_4);
                Label filesHint = new Label(m.get("install.files.hint"));
                filesHint.setWrapText(true);
                filesHint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                DiffView diffs = new DiffView(vm.diffs(), vm.selectedDiffProperty(), m);
                diffs.setPrefHeight(380);
                diffs.setMinHeight(260);
                yield java.util.List.of(summary, new PlanView(r.plan(), m, false), files, filesHint, diffs);
            }
        };
    }

    private Node done() {
        VBox box = new VBox(12);
        Runnable fill = () -> {
            Consumer<Exception> failed = this::showError;
            if (vm.run().succeeded()) {
                Label next = new Label(m.get("install.done.next", vm.installFolder()));
                next.setWrapText(true);
                Hyperlink open = new Hyperlink();
                open.setId("install-open-app");
                open.textProperty()
                        .bind(vm.appAddressProperty()
                                .map(a -> a.map(u -> m.get("install.done.open", u))
                                        .orElse("")));
                open.visibleProperty().bind(open.textProperty().isNotEmpty());
                open.managedProperty().bind(open.visibleProperty());
                open.setOnAction(e -> vm.openApp(failed));
                Button folder = new Button(m.get("install.done.folder"), Icons.of(Icons.Icon.FOLDER, 14));
                folder.setId("install-open-folder");
                folder.setOnAction(e -> vm.openFolder(failed));
                Button doneButton = new Button(m.get("install.done.close"));
                doneButton.setId("install-done");
                doneButton.setDefaultButton(true);
                doneButton.getStyleClass().add(Styles.ACCENT);
                doneButton.setOnAction(e -> vm.close());
                box.getChildren().setAll(open, next, new HBox(8, folder, doneButton));
            } else {
                Label text = new Label(m.get("install.failed.next"));
                text.setWrapText(true);
                Button back = new Button(m.get("install.failed.back"));
                back.setId("install-back");
                back.setOnAction(e -> vm.backToReview());
                Button close = new Button(m.get("install.done.close"));
                close.setId("install-done");
                close.setOnAction(e -> vm.close());
                box.getChildren().setAll(text, new HBox(8, back, close));
            }
        };
        vm.run().stateProperty().addListener((o, was, now) -> {
            if (now == RunViewModel.State.FINISHED) {
                fill.run();
            }
        });
        fill.run();
        return box;
    }

    private void showError(Exception e) {
        Alert a = new Alert(Alert.AlertType.ERROR, m.get("desktop.failed", e.getMessage()));
        a.setHeaderText(null);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.show();
    }
}
