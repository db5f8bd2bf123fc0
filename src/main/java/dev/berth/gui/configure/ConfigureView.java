package dev.berth.gui.configure;

import atlantafx.base.theme.Styles;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.DiffView;
import dev.berth.gui.common.EnvFormView;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.PlanView;
import dev.berth.gui.common.RunView;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.WizardFrame;
import dev.berth.gui.common.WizardStep;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The settings of an existing install: the env form, then the changes and the plan, then the
 * run. Node ids: {@code #configure-wizard}, {@code #configure-loading}, {@code
 * #configure-error}, {@code #configure-retry}, {@code #configure-undocumented}, the form's ({@link
 * EnvFormView}), {@code #configure-planning}, {@code #configure-plan-error}, {@code
 * #configure-unavailable}, the diffs' ({@link DiffView}), the plan's ({@link PlanView}), the run
 * page's ({@link RunView}), {@code #configure-rollback}, {@code #configure-back}, {@code
 * #configure-done}.
 */
public final class ConfigureView extends StackPane {
    private final ConfigureViewModel vm;
    private final Messages m;

    public ConfigureView(ConfigureViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        WizardFrame<WizardStep> frame = new WizardFrame<>(vm.wizard(), m, this::page);
        frame.setId("configure-wizard");
        Runnable show = () -> {
            if (vm.screenProperty().get() == dev.berth.gui.common.RunController.Screen.RUN) {
                getChildren().setAll(new RunView(vm.run(), m, m.get("configure.running", vm.installDir()), result()));
            } else {
                getChildren().setAll(frame);
            }
        };
        vm.screenProperty().addListener(o -> show.run());
        show.run();
    }

    private Node page(WizardStep step) {
        VBox box = new VBox(14);
        if (step == vm.settingsStep()) {
            Runnable fill = () -> box.getChildren().setAll(settings());
            vm.loadStateProperty().addListener(o -> fill.run());
            fill.run();
        } else {
            Runnable fill = () -> box.getChildren().setAll(changes());
            vm.planStateProperty().addListener(o -> fill.run());
            fill.run();
        }
        return box;
    }

    private List<Node> settings() {
        return switch (vm.loadStateProperty().get()) {
            case IDLE, BUSY -> List.of(busy("configure-loading", m.get("configure.loading", vm.installDir())));
            case FAILED -> {
                Label text = new Label(m.text(vm.loadErrorProperty().get()));
                text.setId("configure-error");
                text.setWrapText(true);
                text.getStyleClass().addAll("monospace", "field-problem");
                Button retry = new Button(m.get("review.retry"), Icons.of(Icons.Icon.REFRESH, 14));
                retry.setId("configure-retry");
                retry.setOnAction(e -> vm.load());
                yield List.of(new Label(m.get("configure.failed")), text, retry);
            }
            case READY -> {
                List<Node> out = new ArrayList<>();
                Label intro = new Label(m.get("configure.intro", vm.installDir()));
                intro.setWrapText(true);
                out.add(intro);
                if (!vm.documentedProperty().get()) {
                    Label note = new Label(m.get("configure.undocumented"), Icons.of(Icons.Icon.WARNING, 16));
                    note.setId("configure-undocumented");
                    note.setWrapText(true);
                    out.add(note);
                }
                out.add(new EnvFormView(vm.formProperty().get(), m));
                yield out;
            }
        };
    }

    private List<Node> changes() {
        List<Node> out = new ArrayList<>();
        switch (vm.planStateProperty().get()) {
            case IDLE, BUSY -> out.add(busy("configure-planning", m.get("configure.planning")));
            case FAILED -> {
                if (vm.unavailableProperty().get()) {
                    Label l = new Label(m.get("configure.unavailable"), Icons.of(Icons.Icon.WARNING, 16));
                    l.setId("configure-unavailable");
                    l.setWrapText(true);
                    out.add(l);
                } else {
                    Label l = new Label(m.text(vm.planErrorProperty().get()));
                    l.setId("configure-plan-error");
                    l.setWrapText(true);
                    l.getStyleClass().addAll("monospace", "field-problem");
                    Button retry = new Button(m.get("review.retry"), Icons.of(Icons.Icon.REFRESH, 14));
                    retry.setOnAction(e -> vm.plan());
                    out.add(new Label(m.get("review.failed")));
                    out.add(l);
                    out.add(retry);
                }
            }
            case READY -> {
                UpgradePlanner.Result r = vm.planProperty().get().orElseThrow();
                out.add(new PlanView(r.plan(), m, true));
            }
        }
        Label files = new Label(m.get("review.files"));
        files.getStyleClass().add(Styles.TITLE_4);
        DiffView diffs = new DiffView(vm.diffs(), vm.selectedDiffProperty(), m);
        diffs.setPrefHeight(340);
        diffs.setMinHeight(240);
        out.add(files);
        out.add(diffs);
        return out;
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
                if (vm.journalLeftProperty().get()) {
                    Button rollback = new Button(m.get("upgrade.rollback"), Icons.of(Icons.Icon.RESTORE, 14));
                    rollback.setId("configure-rollback");
                    rollback.getStyleClass().add(Styles.DANGER);
                    rollback.setOnAction(e -> vm.rollback());
                    buttons.getChildren().add(rollback);
                } else {
                    Button back = new Button(m.get("install.failed.back"));
                    back.setId("configure-back");
                    back.setOnAction(e -> vm.backToChanges());
                    buttons.getChildren().add(back);
                }
            }
            Button done = new Button(m.get("install.done.close"));
            done.setId("configure-done");
            done.setDefaultButton(true);
            done.getStyleClass().add(Styles.ACCENT);
            done.setOnAction(e -> vm.close());
            buttons.getChildren().add(done);
            box.getChildren().setAll(buttons);
        };
        vm.run().stateProperty().addListener(o -> fill.run());
        vm.journalLeftProperty().addListener(o -> fill.run());
        fill.run();
        return box;
    }

    private static Node busy(String id, String text) {
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(20, 20);
        Label l = new Label(text);
        l.setWrapText(true);
        HBox row = new HBox(10, spin, l);
        row.setId(id);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
