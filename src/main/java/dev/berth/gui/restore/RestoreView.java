package dev.berth.gui.restore;

import atlantafx.base.theme.Styles;
import dev.berth.backup.BackupListing;
import dev.berth.engine.Text;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.Formats;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.PlanView;
import dev.berth.gui.common.RunView;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.WizardFrame;
import dev.berth.gui.common.WizardStep;
import java.io.File;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The restore wizard and its run page. Node ids: {@code #page-restore}, {@code #restore-wizard},
 * {@code #restore-table}, {@code #restore-loading}, {@code #restore-empty}, {@code
 * #restore-error}, {@code #restore-unavailable}, {@code #restore-retry}, {@code
 * #restore-open-file}, {@code #restore-details}, {@code #restore-target-same}, {@code
 * #restore-target-new}, {@code #restore-new-folder}, {@code #restore-new-browse}, {@code
 * #restore-planning}, {@code #restore-plan-error}, {@code #restore-overwritten}, the plan's ({@link
 * PlanView}), the run page's ({@link RunView}), {@code #restore-back}, {@code #restore-done}.
 */
public final class RestoreView extends StackPane {
    private final RestoreViewModel vm;
    private final Messages m;
    private final ZoneId zone = ZoneId.systemDefault();

    public RestoreView(RestoreViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        setId("page-restore");
        getStyleClass().add("page");
        WizardFrame<WizardStep> frame = new WizardFrame<>(vm.wizard(), m, this::page);
        frame.setId("restore-wizard");
        Runnable show = () -> {
            if (vm.screenProperty().get() == dev.berth.gui.common.RunController.Screen.RUN) {
                BackupListing b = vm.selectedProperty().get();
                String title = m.get(
                        "restore.running",
                        b == null ? "" : text(b.app()),
                        b == null ? "" : text(b.version()),
                        vm.target().map(Object::toString).orElse(""));
                getChildren().setAll(new RunView(vm.run(), m, title, result()));
            } else {
                getChildren().setAll(frame);
            }
        };
        vm.screenProperty().addListener(o -> show.run());
        show.run();
    }

    private Node page(WizardStep step) {
        if (step == vm.backupStep()) {
            return backupPage();
        }
        VBox box = new VBox(14);
        if (step == vm.targetStep()) {
            box.getChildren().setAll(targetPage());
        } else {
            Runnable fill = () -> box.getChildren().setAll(reviewPage());
            vm.planStateProperty().addListener(o -> fill.run());
            fill.run();
        }
        return box;
    }

    // ---- backups ----

    private Node backupPage() {
        TableView<BackupListing> table = new TableView<>(vm.backups());
        table.setId("restore-table");
        table.setAccessibleText(m.get("restore.table.access"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getStyleClass().add(Styles.STRIPED);
        table.setPrefHeight(260);
        table.getColumns()
                .setAll(List.of(
                        column(
                                "restore.col.date",
                                160,
                                b -> b.created() == null ? "—" : Formats.dateTime(m, b.created(), zone)),
                        column("restore.col.app", 110, b -> text(b.app())),
                        column(
                                "restore.col.version",
                                80,
                                b -> text(b.version()).isEmpty() ? m.get("value.unknown") : b.version()),
                        column("restore.col.size", 80, b -> Formats.bytes(m, b.size())),
                        column(
                                "restore.col.verified",
                                110,
                                b -> b.problem() != null
                                        ? m.get("restore.damaged")
                                        : m.get(b.verified() ? "restore.verified" : "restore.unverified")),
                        column("restore.col.install", 200, b -> text(b.install()))));
        if (!vm.host().isEmpty()) {
            // A server's restore lists its backups and this computer's: say where each one is.
            table.getColumns()
                    .add(
                            1,
                            column(
                                    "restore.col.machine",
                                    130,
                                    b -> b.file().getFileSystem() == java.nio.file.FileSystems.getDefault()
                                            ? m.get("home.host.local")
                                            : vm.host()));
        }
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        Runnable select = () -> {
            BackupListing b = vm.selectedProperty().get();
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        };
        vm.selectedProperty().addListener(o -> select.run());
        vm.backups().addListener((javafx.collections.ListChangeListener<BackupListing>) c -> select.run());
        select.run();

        Button open = new Button(m.get("restore.openFile"), Icons.of(Icons.Icon.FOLDER, 14));
        open.setId("restore-open-file");
        open.setAccessibleHelp(m.get("restore.openFile.help"));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(m.get("restore.openFile.title"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(m.get("restore.files"), "*.berth"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.open(f.toPath(), Optional.empty());
            }
        });
        Button refresh = new Button(m.get("home.refresh"), Icons.of(Icons.Icon.REFRESH, 14));
        refresh.setId("restore-retry");
        refresh.setOnAction(e -> vm.reload());
        HBox tools = new HBox(8, open, refresh);
        VBox top = new VBox(8);
        if (!vm.host().isEmpty()) {
            Label machine = new Label(m.get("restore.machine", vm.host()), Icons.of(Icons.Icon.PLUG, 16));
            machine.setId("restore-machine");
            machine.setWrapText(true);
            top.getChildren().add(machine);
        }
        top.getChildren().add(tools);

        VBox state = new VBox(8);
        Runnable fillState = () -> state.getChildren().setAll(listState());
        vm.listStateProperty().addListener(o -> fillState.run());
        vm.backups().addListener((javafx.collections.ListChangeListener<BackupListing>) c -> fillState.run());
        fillState.run();

        VBox details = new VBox(8);
        details.setId("restore-details");
        details.getStyleClass().add("card-box");
        Runnable fillDetails = () -> {
            details.getChildren().setAll(details());
            details.setVisible(!details.getChildren().isEmpty());
            details.setManaged(details.isVisible());
        };
        vm.detailsStateProperty().addListener(o -> fillDetails.run());
        fillDetails.run();

        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(12, top, state, table, details);
    }

    private List<Node> listState() {
        return switch (vm.listStateProperty().get()) {
            case IDLE, BUSY -> List.of(busy("restore-loading", m.get("restore.loading")));
            case UNAVAILABLE -> {
                Label l = new Label(m.get("restore.unavailable"), Icons.of(Icons.Icon.WARNING, 16));
                l.setId("restore-unavailable");
                l.setWrapText(true);
                yield List.of(l);
            }
            case FAILED -> {
                Label l =
                        new Label(m.get("restore.failed", vm.listErrorProperty().get()));
                l.setId("restore-error");
                l.setWrapText(true);
                l.getStyleClass().add("field-problem");
                yield List.of(l);
            }
            case READY -> {
                if (!vm.backups().isEmpty()) {
                    yield List.of();
                }
                Label l = new Label(m.get("restore.empty"));
                l.setId("restore-empty");
                l.setWrapText(true);
                l.getStyleClass().add(Styles.TEXT_MUTED);
                yield List.of(l);
            }
        };
    }

    private List<Node> details() {
        BackupListing b = vm.selectedProperty().get();
        if (b == null) {
            return List.of();
        }
        List<Node> out = new ArrayList<>();
        Label title = new Label(m.get("restore.details", text(b.app()), text(b.version())));
        title.getStyleClass().add(Styles.TITLE_4);
        out.add(title);
        Optional<Text> problem = RestoreViewModel.problemOf(b);
        if (problem.isPresent()) {
            Label l = new Label(m.get("restore.problem", problem.get()), Icons.of(Icons.Icon.ERROR, 16));
            l.setWrapText(true);
            l.getStyleClass().add("field-problem");
            out.add(l);
        }
        switch (vm.detailsStateProperty().get()) {
            case IDLE -> {}
            case BUSY -> out.add(busy("restore-details-loading", m.get("restore.details.loading")));
            case FAILED, UNAVAILABLE -> {
                Label l = new Label(m.text(vm.detailsErrorProperty().get()));
                l.setWrapText(true);
                l.getStyleClass().add("field-problem");
                out.add(l);
            }
            case READY -> {
                BackupAccess.Details d = vm.detailsProperty().get().orElseThrow();
                GridPane grid = new GridPane();
                grid.setHgap(14);
                grid.setVgap(4);
                int row = 0;
                row = fact(grid, row, "restore.details.file", d.backup().file().toString());
                row = fact(grid, row, "restore.details.install", text(d.backup().install()));
                row = fact(grid, row, "restore.details.host", d.host());
                fact(grid, row, "restore.details.berth", d.berthVersion());
                out.add(grid);
                VBox parts = new VBox(3);
                for (BackupAccess.Part p : d.parts()) {
                    String kind = m.get("restore.part." + p.kind().name().toLowerCase(Locale.ROOT));
                    Label l = new Label(m.get("restore.part", kind, p.name(), Formats.bytes(m, p.bytes())));
                    l.getStyleClass().add("monospace");
                    parts.getChildren().add(l);
                }
                out.add(parts);
            }
        }
        return out;
    }

    private int fact(GridPane grid, int row, String key, String value) {
        Label k = new Label(m.get(key));
        k.getStyleClass().add(Styles.TEXT_MUTED);
        // The name keeps its width; a long value (a path) wraps instead of squeezing it to "…".
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        grid.add(k, 0, row);
        grid.add(v, 1, row);
        return row + 1;
    }

    private TableColumn<BackupListing, String> column(String key, double width, Function<BackupListing, String> text) {
        TableColumn<BackupListing, String> c = new TableColumn<>(m.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(text.apply(cd.getValue())));
        return c;
    }

    // ---- target ----

    private List<Node> targetPage() {
        ToggleGroup group = new ToggleGroup();
        BackupListing b = vm.selectedProperty().get();
        RadioButton same = new RadioButton(m.get("restore.target.same", b == null ? "" : text(b.install())));
        same.setId("restore-target-same");
        same.setToggleGroup(group);
        same.setUserData(RestoreViewModel.TargetKind.SAME);
        same.setWrapText(true);
        same.setAccessibleHelp(m.get("restore.target.same.help"));
        RadioButton fresh = new RadioButton(m.get("restore.target.new"));
        fresh.setId("restore-target-new");
        fresh.setToggleGroup(group);
        fresh.setUserData(RestoreViewModel.TargetKind.NEW);
        fresh.setAccessibleHelp(m.get("restore.target.new.help"));
        group.getToggles()
                .forEach(t ->
                        t.setSelected(t.getUserData() == vm.targetKindProperty().get()));
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.targetKindProperty().set((RestoreViewModel.TargetKind) now.getUserData());
            }
        });
        vm.selectedProperty()
                .addListener((o, was, now) ->
                        same.setText(m.get("restore.target.same", now == null ? "" : text(now.install()))));

        TextField folder = new TextField();
        folder.setId("restore-new-folder");
        folder.textProperty().bindBidirectional(vm.newFolderProperty());
        folder.setPromptText(m.get("restore.target.new.prompt"));
        folder.setAccessibleText(m.get("restore.target.new"));
        folder.disableProperty().bind(vm.targetKindProperty().isNotEqualTo(RestoreViewModel.TargetKind.NEW));
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button(m.get("env.browse"), Icons.of(Icons.Icon.FOLDER, 14));
        browse.setId("restore-new-browse");
        // The chooser shows this computer's folders; a server's folder is typed.
        browse.disableProperty()
                .bind(folder.disableProperty()
                        .or(new javafx.beans.property.SimpleBooleanProperty(
                                !vm.host().isEmpty())));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(m.get("restore.target.choose"));
            File f = chooser.showDialog(getScene().getWindow());
            if (f != null) {
                vm.newFolderProperty().set(f.getAbsolutePath());
            }
        });
        HBox row = new HBox(6, folder, browse);
        row.setMaxWidth(720);
        row.setPadding(new javafx.geometry.Insets(0, 0, 0, 26));
        Label warn = new Label(m.get("restore.target.same.warning"), Icons.of(Icons.Icon.WARNING, 16));
        warn.setWrapText(true);
        warn.visibleProperty().bind(vm.targetKindProperty().isEqualTo(RestoreViewModel.TargetKind.SAME));
        warn.managedProperty().bind(warn.visibleProperty());
        return List.of(new Label(m.get("restore.target.question")), same, fresh, row, warn);
    }

    // ---- review ----

    private List<Node> reviewPage() {
        return switch (vm.planStateProperty().get()) {
            case IDLE, BUSY -> List.of(busy("restore-planning", m.get("restore.planning")));
            case FAILED, UNAVAILABLE -> {
                Label l = new Label(
                        vm.planStateProperty().get() == RestoreViewModel.Load.UNAVAILABLE
                                ? m.get("restore.unavailable")
                                : m.text(vm.planErrorProperty().get()));
                l.setId("restore-plan-error");
                l.setWrapText(true);
                l.getStyleClass().add("field-problem");
                Button retry = new Button(m.get("review.retry"), Icons.of(Icons.Icon.REFRESH, 14));
                retry.setOnAction(e -> vm.plan());
                yield List.of(l, retry);
            }
            case READY -> {
                BackupAccess.RestorePlan p = vm.planProperty().get().orElseThrow();
                List<Node> out = new ArrayList<>();
                Label title = new Label(m.get("restore.overwritten"));
                title.getStyleClass().add(Styles.TITLE_4);
                VBox over = new VBox(3);
                over.setId("restore-overwritten");
                if (p.overwritten().isEmpty()) {
                    over.getChildren().add(new Label(m.get("restore.overwritten.none")));
                }
                for (String o : p.overwritten()) {
                    Label l = new Label("• " + o);
                    l.getStyleClass().add("monospace");
                    over.getChildren().add(l);
                }
                out.add(title);
                out.add(over);
                out.add(new PlanView(p.result().plan(), m, true));
                yield out;
            }
        };
    }

    private Node result() {
        VBox box = new VBox(10);
        Runnable fill = () -> {
            if (vm.run().stateProperty().get() != RunViewModel.State.FINISHED) {
                box.getChildren().clear();
                return;
            }
            HBox buttons = new HBox(8);
            if (!vm.run().succeeded()) {
                Button back = new Button(m.get("install.failed.back"));
                back.setId("restore-back");
                back.setOnAction(e -> vm.backToReview());
                buttons.getChildren().add(back);
            }
            Button done = new Button(m.get("install.done.close"));
            done.setId("restore-done");
            done.setDefaultButton(true);
            done.getStyleClass().add(Styles.ACCENT);
            done.setOnAction(e -> vm.close());
            buttons.getChildren().add(done);
            box.getChildren().setAll(buttons);
        };
        vm.run().stateProperty().addListener(o -> fill.run());
        fill.run();
        return box;
    }

    private static Node busy(String id, String text) {
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(20, 20);
        Label l = new Label(text);
        HBox row = new HBox(10, spin, l);
        row.setId(id);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A listing's field, empty when the backup could not be read. */
    private static String text(String s) {
        return s == null ? "" : s;
    }
}
