package dev.berth.gui.upgrade;

import atlantafx.base.theme.Styles;
import dev.berth.engine.Install;
import dev.berth.engine.PlanReport;
import dev.berth.engine.PlanStep;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.DiffView;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The upgrade wizard and its run page. Node ids: {@code #upgrade-wizard}, {@code #upgrade-install}
 * (what is installed), {@code #upgrade-install-error}, {@code #upgrade-retry}, the release page's
 * ({@link ReleaseChoiceView}), {@code #upgrade-path}, {@code #upgrade-version-problem}, {@code
 * #upgrade-planning}, {@code #upgrade-plan-error}, {@code #upgrade-plan-retry}, {@code
 * #upgrade-new} (the form of new variables, see {@link EnvFormView}), {@code #upgrade-renamed},
 * {@code #upgrade-removed}, {@code #upgrade-defaults}, {@code #upgrade-generated}, {@code
 * #upgrade-other-files}, {@code #upgrade-conflicts}, {@code #conflict-<n>} (1-based, in order),
 * {@code #conflict-<n>-theirs}, {@code #conflict-<n>-mine}, {@code #conflict-<n>-edit}, {@code
 * #conflict-<n>-text}, {@code #upgrade-apply-decisions}, {@code #upgrade-compose}, the diffs'
 * ({@link DiffView}), {@code #upgrade-backup-folder}, {@code #upgrade-backup-estimate}, {@code
 * #upgrade-backup-databases}, {@code #upgrade-remove-images}, the plan's ({@link PlanView}), the
 * run page's ({@link RunView}), {@code #upgrade-health}, {@code #upgrade-rollback}, {@code
 * #upgrade-restore-backup}, {@code #upgrade-logs}, {@code #upgrade-back}, {@code #upgrade-done}.
 */
public final class UpgradeView extends StackPane {
    private final UpgradeViewModel vm;
    private final Messages m;
    private final Consumer<java.nio.file.Path> showLogs;

    /**
     * @param showLogs opens the app's container logs for the install folder
     */
    public UpgradeView(UpgradeViewModel vm, Messages m, Consumer<java.nio.file.Path> showLogs) {
        this.vm = vm;
        this.m = m;
        this.showLogs = showLogs;
        getStyleClass().add("upgrade-view");
        WizardFrame<WizardStep> frame = new WizardFrame<>(vm.wizard(), m, this::page);
        frame.setId("upgrade-wizard");
        Runnable show = () -> {
            if (vm.screenProperty().get() == dev.berth.gui.common.RunController.Screen.RUN) {
                UpgradePlanner.Result r = vm.planProperty().get().orElseThrow();
                String title = m.get(
                        "upgrade.running",
                        r.plan().project(),
                        r.plan().fromVersion(),
                        r.plan().toVersion());
                getChildren().setAll(new RunView(vm.run(), m, title, result()));
            } else {
                getChildren().setAll(frame);
            }
        };
        vm.screenProperty().addListener(o -> show.run());
        show.run();
    }

    private Node page(WizardStep step) {
        if (step == vm.releaseStep()) {
            return releasePage();
        }
        if (step == vm.envStep()) {
            VBox box = new VBox(16);
            Runnable fill = () -> box.getChildren().setAll(envPage());
            vm.newVariablesProperty().addListener(o -> fill.run());
            vm.envChangesProperty().addListener(o -> fill.run());
            fill.run();
            return box;
        }
        if (step == vm.configStep()) {
            VBox box = new VBox(14);
            Runnable fill = () -> box.getChildren().setAll(configPage());
            vm.planStateProperty().addListener(o -> fill.run());
            fill.run();
            return box;
        }
        if (step == vm.backupStep()) {
            VBox box = new VBox(14);
            Runnable fill = () -> box.getChildren().setAll(backupPage());
            vm.estimateStateProperty().addListener(o -> fill.run());
            vm.planStateProperty().addListener(o -> fill.run());
            fill.run();
            return box;
        }
        VBox box = new VBox(14);
        Runnable fill = () -> box.getChildren().setAll(reviewPage());
        vm.planStateProperty().addListener(o -> fill.run());
        fill.run();
        return box;
    }

    // ---- release ----

    private Node releasePage() {
        Label installed = new Label();
        installed.setId("upgrade-install");
        installed.setWrapText(true);
        installed.getStyleClass().add(Styles.TEXT_BOLD);
        Label error = new Label();
        error.setId("upgrade-install-error");
        error.setWrapText(true);
        error.getStyleClass().addAll("field-problem", "monospace");
        Button retry = new Button(m.get("review.retry"), Icons.of(Icons.Icon.REFRESH, 14));
        retry.setId("upgrade-retry");
        retry.setOnAction(e -> vm.retryInspect());
        Runnable fillInstall = () -> {
            Optional<Install> i = vm.installProperty().get();
            installed.setText(
                    switch (vm.installStateProperty().get()) {
                        case BUSY, IDLE -> m.get("upgrade.install.reading", vm.installDir());
                        case READY ->
                            m.get(
                                    "upgrade.install",
                                    vm.appName(),
                                    i.map(x -> x.version().raw().isEmpty()
                                                    ? m.get("value.unknown")
                                                    : x.version().raw())
                                            .orElse(""),
                                    vm.installDir());
                        case FAILED -> m.get("upgrade.install.failed", vm.installDir());
                    });
            boolean failed = vm.installStateProperty().get() == UpgradeViewModel.Load.FAILED;
            error.setText(failed ? m.text(vm.installErrorProperty().get()) : "");
            error.setVisible(failed);
            error.setManaged(failed);
            retry.setVisible(failed);
            retry.setManaged(failed);
        };
        vm.installStateProperty().addListener(o -> fillInstall.run());
        fillInstall.run();

        VBox planInfo = new VBox(8);
        Runnable fillPlan = () -> planInfo.getChildren().setAll(versionPath());
        vm.planStateProperty().addListener(o -> fillPlan.run());
        fillPlan.run();
        return new VBox(14, installed, error, retry, new ReleaseChoiceView(vm.release(), m, planInfo));
    }

    private List<Node> versionPath() {
        return switch (vm.planStateProperty().get()) {
            case IDLE -> List.of();
            case BUSY -> List.of(busy("upgrade-planning", m.get("upgrade.planning")));
            case FAILED -> planFailed();
            case READY -> {
                UpgradePlanner.Result r = vm.planProperty().get().orElseThrow();
                List<Node> out = new ArrayList<>();
                Optional<dev.berth.engine.Text> problem = vm.versionProblem();
                if (problem.isPresent()) {
                    Label p = new Label(m.text(problem.get()), Icons.of(Icons.Icon.ERROR, 16));
                    p.setId("upgrade-version-problem");
                    p.setWrapText(true);
                    p.getStyleClass().add("field-problem");
                    out.add(p);
                    yield out;
                }
                out.add(pathNode(r.report()));
                if (!r.report().releaseNotes().isEmpty()) {
                    TextArea notes = new TextArea(String.join("\n\n", r.report().releaseNotes()));
                    notes.setEditable(false);
                    notes.setWrapText(true);
                    notes.setPrefRowCount(6);
                    notes.setId("upgrade-notes");
                    Label t = new Label(m.get("release.notes"));
                    t.getStyleClass().add(Styles.TITLE_4);
                    out.add(t);
                    out.add(notes);
                }
                yield out;
            }
        };
    }

    private Node pathNode(PlanReport report) {
        HBox path = new HBox(6);
        path.setId("upgrade-path");
        path.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label(m.get("upgrade.path"));
        title.getStyleClass().add(Styles.TEXT_MUTED);
        path.getChildren().add(title);
        List<String> versions = report.versionPath();
        StringBuilder access = new StringBuilder();
        for (int i = 0; i < versions.size(); i++) {
            if (i > 0) {
                path.getChildren().add(new Label("→"));
            }
            String v = versions.get(i).isEmpty() ? m.get("value.unknown") : versions.get(i);
            Label l = new Label(v);
            l.getStyleClass().addAll("badge", i == 0 ? Styles.TEXT_MUTED : Styles.ACCENT);
            boolean stop = i > 0 && i < versions.size() - 1;
            if (stop) {
                l.getStyleClass().add(Styles.WARNING);
                l.setTooltip(new javafx.scene.control.Tooltip(m.get("upgrade.stop", v)));
            }
            path.getChildren().add(l);
            access.append(i > 0 ? " → " : "").append(v);
        }
        long stops = Math.max(0, versions.size() - 2);
        Label note = new Label(stops == 0 ? m.get("upgrade.path.direct") : m.get("upgrade.path.stops", stops));
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.setWrapText(true);
        path.setAccessibleText(m.get("upgrade.path.access", access.toString()));
        return new VBox(4, path, note);
    }

    private List<Node> planFailed() {
        Label title = new Label(m.get("review.failed"), Icons.of(Icons.Icon.ERROR, 18));
        title.getStyleClass().add(Styles.TITLE_4);
        Label text = new Label(m.text(vm.planErrorProperty().get()));
        text.setId("upgrade-plan-error");
        text.setWrapText(true);
        text.getStyleClass().add("monospace");
        Button retry = new Button(m.get("review.retry"), Icons.of(Icons.Icon.REFRESH, 14));
        retry.setId("upgrade-plan-retry");
        retry.setOnAction(e -> vm.plan());
        return List.of(title, text, retry);
    }

    private Node busy(String id, String text) {
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(20, 20);
        HBox row = new HBox(10, spin, new Label(text));
        row.setId(id);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    // ---- environment ----

    private List<Node> envPage() {
        List<Node> out = new ArrayList<>();
        UpgradeViewModel.EnvChanges c = vm.envChangesProperty().get();
        Label newTitle = heading(m.get("upgrade.env.new"));
        out.add(newTitle);
        if (vm.newVariablesProperty().get().isEmpty()) {
            Label none = new Label(m.get("upgrade.env.new.none"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            none.setId("upgrade-new");
            out.add(none);
        } else {
            Label hint = muted(m.get("upgrade.env.new.hint"));
            EnvFormView form = new EnvFormView(vm.newVariablesProperty().get(), m);
            VBox box = new VBox(8, hint, form);
            box.setId("upgrade-new");
            out.add(box);
        }
        out.add(list("upgrade-renamed", m.get("upgrade.env.renamed"), m.get("upgrade.env.renamed.hint"), c.renamed()));
        out.add(list("upgrade-removed", m.get("upgrade.env.removed"), m.get("upgrade.env.removed.hint"), c.removed()));
        List<String> defaults = c.defaults().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : m.get("upgrade.env.default", e.getKey(), e.getValue()))
                .toList();
        out.add(list("upgrade-defaults", m.get("upgrade.env.defaults"), m.get("upgrade.env.defaults.hint"), defaults));
        out.add(list(
                "upgrade-generated",
                m.get("upgrade.env.generated"),
                m.get("upgrade.env.generated.hint"),
                c.generated()));
        out.add(list("upgrade-other-files", m.get("upgrade.env.other"), "", c.otherFiles()));
        out.removeIf(n -> n == null);
        return out;
    }

    /** A titled list, or null when it has no items. */
    private Node list(String id, String title, String hint, List<String> items) {
        if (items.isEmpty()) {
            return null;
        }
        VBox box = new VBox(4, heading(title));
        box.setId(id);
        if (!hint.isEmpty()) {
            box.getChildren().add(muted(hint));
        }
        for (String i : items) {
            Label l = new Label("• " + i);
            l.getStyleClass().add("monospace");
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        return box;
    }

    // ---- configuration ----

    private List<Node> configPage() {
        return switch (vm.planStateProperty().get()) {
            case IDLE, BUSY -> List.of(busy("upgrade-planning", m.get("upgrade.planning")));
            case FAILED -> planFailed();
            case READY -> {
                if (!vm.conflicts().isEmpty()) {
                    yield List.of(conflicts());
                }
                List<Node> out = new ArrayList<>();
                out.add(heading(m.get("upgrade.compose")));
                out.add(new ComposeSummary(List.copyOf(vm.composeChanges()), m));
                out.add(heading(m.get("review.files")));
                out.add(muted(m.get("upgrade.files.hint")));
                DiffView diffs = new DiffView(vm.diffs(), vm.selectedDiffProperty(), m);
                diffs.setPrefHeight(400);
                diffs.setMinHeight(280);
                out.add(diffs);
                vm.planProperty()
                        .get()
                        .filter(r -> r.plan().refused())
                        .ifPresent(r -> out.add(0, new PlanView(r.plan(), m, false)));
                yield out;
            }
        };
    }

    private Node conflicts() {
        VBox box = new VBox(14);
        box.setId("upgrade-conflicts");
        Label title = heading(m.get(
                "upgrade.conflicts", vm.conflicts().size(), vm.conflictRelease().orElse("")));
        box.getChildren().addAll(title, muted(m.get("upgrade.conflicts.hint")));
        int n = 0;
        for (ConflictItem c : vm.conflicts()) {
            box.getChildren().add(conflict(c, ++n));
        }
        Button apply = new Button(m.get("upgrade.conflicts.apply"), Icons.of(Icons.Icon.REFRESH, 14));
        apply.setId("upgrade-apply-decisions");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty().bind(vm.allDecidedProperty().not());
        apply.setAccessibleHelp(m.get("upgrade.conflicts.apply.help"));
        apply.setOnAction(e -> vm.applyDecisions());
        box.getChildren().add(apply);
        return box;
    }

    private Node conflict(ConflictItem c, int n) {
        String id = "conflict-" + n;
        Label where = new Label(m.get("upgrade.conflict.where", c.path(), c.location()));
        where.getStyleClass().addAll(Styles.TEXT_BOLD, "monospace");
        where.setWrapText(true);
        VBox card = new VBox(8, where);
        card.setId(id);
        card.getStyleClass().add("conflict-card");
        ConflictItem.Sides s = c.sides();
        if (s.mine().isPresent() || s.theirs().isPresent()) {
            GridPane grid = new GridPane();
            grid.setHgap(10);
            grid.setVgap(4);
            side(grid, 0, m.get("upgrade.conflict.base"), s.base());
            side(grid, 1, m.get("upgrade.conflict.mine"), s.mine());
            side(grid, 2, m.get("upgrade.conflict.theirs"), s.theirs());
            card.getChildren().add(grid);
        } else {
            Label raw = new Label(s.raw());
            raw.getStyleClass().add("monospace");
            raw.setWrapText(true);
            card.getChildren().add(raw);
        }
        ToggleGroup group = new ToggleGroup();
        RadioButton theirs = choice(group, id + "-theirs", "upgrade.conflict.take", ConflictItem.Choice.TAKE_THEIRS);
        RadioButton mine = choice(group, id + "-mine", "upgrade.conflict.keep", ConflictItem.Choice.KEEP_MINE);
        RadioButton edit = choice(group, id + "-edit", "upgrade.conflict.edit", ConflictItem.Choice.EDIT);
        Runnable select = () -> group.getToggles()
                .forEach(
                        t -> t.setSelected(t.getUserData() == c.choiceProperty().get()));
        c.choiceProperty().addListener(o -> select.run());
        select.run();
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                c.choiceProperty().set((ConflictItem.Choice) now.getUserData());
            }
        });
        TextArea text = new TextArea();
        text.setId(id + "-text");
        text.setPrefRowCount(3);
        text.getStyleClass().add("monospace");
        text.setAccessibleText(m.get("upgrade.conflict.text.access", c.path(), c.location()));
        text.setPromptText(m.get("upgrade.conflict.text.prompt"));
        if (c.editedProperty().get().isEmpty()) {
            c.editedProperty().set(s.mine().orElse(""));
        }
        text.textProperty().bindBidirectional(c.editedProperty());
        text.visibleProperty().bind(c.choiceProperty().isEqualTo(ConflictItem.Choice.EDIT));
        text.managedProperty().bind(text.visibleProperty());
        HBox choices = new HBox(16, theirs, mine, edit);
        card.getChildren().addAll(choices, text);
        return card;
    }

    private RadioButton choice(ToggleGroup g, String id, String key, ConflictItem.Choice value) {
        RadioButton r = new RadioButton(m.get(key));
        r.setId(id);
        r.setToggleGroup(g);
        r.setUserData(value);
        r.setAccessibleHelp(m.get(key + ".help"));
        return r;
    }

    private void side(GridPane grid, int col, String title, Optional<String> text) {
        Label t = new Label(title);
        t.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label v = new Label(text.orElse(m.get("upgrade.conflict.absent")));
        v.getStyleClass().addAll("monospace", "conflict-side");
        v.setWrapText(true);
        v.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(v, Priority.ALWAYS);
        grid.add(t, col, 0);
        grid.add(v, col, 1);
    }

    // ---- backup ----

    private List<Node> backupPage() {
        List<Node> out = new ArrayList<>();
        out.add(muted(m.get("upgrade.backup.hint")));
        Label folder = new Label(m.get("upgrade.backup.folder", vm.backupFolder()));
        folder.setId("upgrade-backup-folder");
        folder.setWrapText(true);
        out.add(folder);
        Label estimate = new Label(
                switch (vm.estimateStateProperty().get()) {
                    case IDLE, BUSY -> m.get("upgrade.backup.estimating");
                    case FAILED -> m.get("upgrade.backup.estimate.unknown");
                    case READY ->
                        vm.estimateProperty()
                                .get()
                                .map(e -> m.get(
                                        "upgrade.backup.estimate",
                                        Formats.bytes(m, e.bytes()),
                                        Formats.duration(m, e.time())))
                                .orElse(m.get("upgrade.backup.estimate.unavailable"));
                });
        estimate.setId("upgrade-backup-estimate");
        estimate.setWrapText(true);
        out.add(estimate);
        List<String> dumps = vm.planProperty().get().stream()
                .flatMap(r -> r.plan().steps().stream())
                .filter(s -> s instanceof PlanStep.Backup b && !b.databases().isEmpty())
                .flatMap(s -> ((PlanStep.Backup) s).databases().stream())
                .map(d -> m.get("upgrade.backup.database", d.service(), d.type()))
                .toList();
        Label databases = new Label(
                dumps.isEmpty()
                        ? m.get("upgrade.backup.databases.none")
                        : m.get("upgrade.backup.databases", String.join(", ", dumps)));
        databases.setId("upgrade-backup-databases");
        databases.setWrapText(true);
        out.add(databases);
        CheckBox remove = new CheckBox(m.get("upgrade.removeImages"));
        remove.setId("upgrade-remove-images");
        remove.setMnemonicParsing(true);
        remove.selectedProperty().bindBidirectional(vm.removeOldImagesProperty());
        remove.setAccessibleHelp(m.get("upgrade.removeImages.help"));
        out.add(remove);
        return out;
    }

    // ---- review ----

    private List<Node> reviewPage() {
        return switch (vm.planStateProperty().get()) {
            case IDLE, BUSY -> List.of(busy("upgrade-planning", m.get("upgrade.planning")));
            case FAILED -> planFailed();
            case READY -> {
                UpgradePlanner.Result r = vm.planProperty().get().orElseThrow();
                List<Node> out = new ArrayList<>();
                out.add(pathNode(r.report()));
                out.add(new PlanView(r.plan(), m, true));
                yield out;
            }
        };
    }

    // ---- result ----

    private Node result() {
        VBox box = new VBox(12);
        Runnable fill = () -> {
            if (vm.run().stateProperty().get() != RunViewModel.State.FINISHED) {
                box.getChildren().clear();
                return;
            }
            List<Node> nodes = new ArrayList<>();
            Optional<Boolean> healthy = vm.healthy();
            if (healthy.isPresent()) {
                Label health = new Label(
                        m.get(healthy.get() ? "upgrade.health.ok" : "upgrade.health.failed"),
                        Icons.of(healthy.get() ? Icons.Icon.CHECK : Icons.Icon.WARNING, 16));
                health.setId("upgrade-health");
                nodes.add(health);
            }
            HBox buttons = new HBox(8);
            Button logs = new Button(m.get("upgrade.logs"));
            logs.setId("upgrade-logs");
            logs.setOnAction(e -> showLogs.accept(vm.installDir()));
            buttons.getChildren().add(logs);
            if (vm.run().succeeded()) {
                if (vm.backupTakenBefore().isPresent()) {
                    Button restore = new Button(m.get("upgrade.restoreBackup"), Icons.of(Icons.Icon.RESTORE, 14));
                    restore.setId("upgrade-restore-backup");
                    restore.setAccessibleHelp(m.get("upgrade.restoreBackup.help"));
                    restore.setOnAction(e -> vm.restoreBackupTakenBefore());
                    buttons.getChildren().add(restore);
                }
            } else if (vm.journalLeftProperty().get()) {
                Label text = new Label(m.get("upgrade.interrupted"));
                text.setWrapText(true);
                nodes.add(text);
                Button rollback = new Button(m.get("upgrade.rollback"), Icons.of(Icons.Icon.RESTORE, 14));
                rollback.setId("upgrade-rollback");
                rollback.getStyleClass().add(Styles.DANGER);
                rollback.setAccessibleHelp(m.get("upgrade.rollback.help"));
                rollback.setOnAction(e -> vm.rollback());
                buttons.getChildren().add(rollback);
            } else {
                Button back = new Button(m.get("install.failed.back"));
                back.setId("upgrade-back");
                back.setOnAction(e -> vm.backToReview());
                buttons.getChildren().add(back);
            }
            Button done = new Button(m.get("install.done.close"));
            done.setId("upgrade-done");
            done.setDefaultButton(true);
            done.getStyleClass().add(Styles.ACCENT);
            done.setOnAction(e -> vm.close());
            buttons.getChildren().add(done);
            nodes.add(buttons);
            box.getChildren().setAll(nodes);
        };
        vm.run().stateProperty().addListener(o -> fill.run());
        vm.journalLeftProperty().addListener(o -> fill.run());
        fill.run();
        return box;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }
}
