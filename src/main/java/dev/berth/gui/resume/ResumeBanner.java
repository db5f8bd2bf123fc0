package dev.berth.gui.resume;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.berth.gui.common.Formats;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The banner on Home that offers each unfinished run for resume or rollback. Hidden when there is
 * none. Node ids: {@code #resume-banner}, {@code #resume-<n>} (1-based), {@code
 * #resume-<n>-resume}, {@code #resume-<n>-rollback}.
 */
public final class ResumeBanner extends VBox {

    public ResumeBanner(
            ResumeViewModel vm,
            Messages m,
            Consumer<ResumeViewModel.Unfinished> resume,
            Consumer<ResumeViewModel.Unfinished> rollback) {
        super(8);
        setId("resume-banner");
        getStyleClass().add("resume-banner");
        ZoneId zone = ZoneId.systemDefault();
        Runnable fill = () -> {
            getChildren().clear();
            int n = 0;
            for (ResumeViewModel.Unfinished u : vm.found()) {
                n++;
                String text = u.problem().isPresent()
                        ? m.get(
                                "resume.banner.unreadable",
                                u.where(),
                                u.problem().get())
                        : m.get(
                                u.rollingBack() ? "resume.banner.rollback" : "resume.banner",
                                m.get("resume.kind." + u.kind().toLowerCase(java.util.Locale.ROOT)),
                                u.where(),
                                u.from().isEmpty() ? "—" : u.from(),
                                u.to(),
                                Formats.dateTime(m, u.updated(), zone));
                Message msg = new Message(m.get("resume.banner.title"), text, Icons.of(Icons.Icon.WARNING, 20));
                msg.getStyleClass().add(Styles.WARNING);
                VBox item = new VBox(6, msg);
                item.setId("resume-" + n);
                if (u.problem().isEmpty()) {
                    Button go = new Button(m.get("resume.action"));
                    go.setId("resume-" + n + "-resume");
                    go.getStyleClass().add(Styles.ACCENT);
                    go.setAccessibleHelp(m.get("resume.action.help"));
                    go.setOnAction(e -> resume.accept(u));
                    Button back = new Button(m.get("rollback.action"));
                    back.setId("resume-" + n + "-rollback");
                    back.setAccessibleHelp(m.get("rollback.action.help"));
                    back.setOnAction(e -> rollback.accept(u));
                    HBox buttons = new HBox(8, go, back);
                    buttons.setPadding(new javafx.geometry.Insets(0, 0, 0, 12));
                    item.getChildren().add(buttons);
                }
                getChildren().add(item);
            }
            setVisible(!getChildren().isEmpty());
            setManaged(isVisible());
        };
        // Rebuilt only when what it offers changed: the journals are read again after each search, and
        // a rebuild would take the focus off a button the user is on.
        List<ResumeViewModel.Unfinished> shown = new ArrayList<>(vm.found());
        vm.found().addListener((ListChangeListener<ResumeViewModel.Unfinished>) c -> {
            if (!shown.equals(vm.found())) {
                shown.clear();
                shown.addAll(vm.found());
                fill.run();
            }
        });
        fill.run();
    }
}
