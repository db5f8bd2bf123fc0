package dev.berth.gui.common;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.berth.config.env.VariableType;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * An {@link EnvFormModel} as a form: a filter box, then one section per template group, each
 * field with its name, badges (required, secret, placeholder), a type-aware input (switches for
 * booleans, a list for choices, a folder picker for paths, a {@link SecretField} for secrets), its
 * documentation, its default and its problem (as text under it, for screen readers too, and as a
 * ControlsFX decoration). Node ids: {@code #env-form}, {@code #env-filter}, {@code
 * #env-problems}, {@code #env-group-<n>}, {@code #env-<NAME>} (the input), {@code
 * #env-<NAME>-problem}, {@code #env-<NAME>-browse}, {@code #env-<NAME>-row}.
 */
public final class EnvFormView extends VBox {
    private final Messages m;
    private final ValidationSupport validation = new ValidationSupport();

    public EnvFormView(EnvFormModel form, Messages m) {
        super(14);
        this.m = m;
        setId("env-form");
        getStyleClass().add("env-form");

        atlantafx.base.controls.CustomTextField filter = new atlantafx.base.controls.CustomTextField();
        filter.setLeft(Icons.of(Icons.Icon.SEARCH, 14));
        filter.getStyleClass().add("env-filter");
        filter.setId("env-filter");
        filter.setPromptText(m.get("env.filter.prompt"));
        filter.setAccessibleText(m.get("env.filter.access"));
        filter.textProperty().bindBidirectional(form.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMaxWidth(360);
        Label problems = new Label();
        problems.setId("env-problems");
        problems.getStyleClass().add(Styles.TEXT_SMALL);
        problems.textProperty()
                .bind(form.problemCount()
                        .map(n -> n.intValue() == 0 ? m.get("env.problems.none") : m.get("env.problems", n)));
        problems.getStyleClass().add("env-problems");
        form.problemCount()
                .addListener((o, was, now) -> problems.pseudoClassStateChanged(
                        javafx.css.PseudoClass.getPseudoClass("danger"), now.intValue() > 0));
        problems.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("danger"),
                form.problemCount().get() > 0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.SOMETIMES);
        HBox bar = new HBox(12, filter, gap, problems);
        bar.setAlignment(Pos.CENTER_LEFT);
        if (form.fields().size() > 6) {
            getChildren().add(bar);
        } else {
            getChildren().add(problems);
        }

        List<String> groups = form.groups();
        for (int g = 0; g < groups.size(); g++) {
            String group = groups.get(g);
            Label title = new Label(group.isEmpty() ? m.get("env.group.none") : group);
            title.getStyleClass().addAll(Styles.TITLE_4, "env-group-title");
            VBox section = new VBox(12, title);
            section.setId("env-group-" + (g + 1));
            section.getStyleClass().add("env-group");
            List<Node> rows = new ArrayList<>();
            for (EnvField f : form.inGroup(group)) {
                Node row = row(f);
                rows.add(row);
                section.getChildren().add(row);
            }
            // Hide rows (and a section without any) that the filter leaves out.
            Runnable apply = () -> {
                boolean any = false;
                List<EnvField> inGroup = form.inGroup(group);
                for (int i = 0; i < inGroup.size(); i++) {
                    boolean shown = inGroup.get(i).matches(form.filterProperty().get());
                    rows.get(i).setVisible(shown);
                    rows.get(i).setManaged(shown);
                    any |= shown;
                }
                section.setVisible(any);
                section.setManaged(any);
            };
            form.filterProperty().addListener(o -> apply.run());
            apply.run();
            getChildren().add(section);
        }
        if (form.isEmpty()) {
            Label none = new Label(m.get("env.none"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().setAll(none);
        }
    }

    /** A node id for a variable: letters, digits, _ and - only, so CSS lookups work. */
    public static String idOf(String name) {
        return "env-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private Node row(EnvField f) {
        String id = idOf(f.name());
        Label name = new Label(f.name());
        name.getStyleClass().addAll("env-name", "monospace");
        HBox head = new HBox(8, name);
        head.setAlignment(Pos.CENTER_LEFT);
        if (f.required()) {
            head.getChildren().add(badge(m.get("env.badge.required"), Styles.DANGER));
        }
        if (f.secret()) {
            head.getChildren().add(badge(m.get("env.badge.secret"), Styles.ACCENT));
        }
        if (f.placeholder() && !f.defaultDisplay().isEmpty()) {
            head.getChildren().add(badge(m.get("env.badge.placeholder"), Styles.WARNING));
        }
        if (f.optional()) {
            head.getChildren().add(badge(m.get("env.badge.optional"), Styles.SUCCESS));
        }

        Node input = input(f, id);
        String accessible = m.get(
                "env.field.access",
                f.name(),
                m.get("env.type." + f.type().name().toLowerCase(Locale.ROOT)),
                f.required() ? m.get("env.badge.required") : "");
        Control control = control(input);
        control.setAccessibleText(accessible);
        if (!f.docs().isEmpty()) {
            control.setAccessibleHelp(f.docs());
        }
        name.setLabelFor(control);

        VBox row = new VBox(4, head, input);
        row.setId(id + "-row");
        row.getStyleClass().add("env-field");
        if (!f.docs().isEmpty()) {
            Label docs = new Label(f.docs());
            docs.setWrapText(true);
            docs.getStyleClass().addAll(Styles.TEXT_SMALL, "env-docs");
            docs.setMaxWidth(720);
            row.getChildren().add(docs);
        }
        List<String> facts = new ArrayList<>();
        if (!f.defaultDisplay().isEmpty()) {
            // A commented-out line in the template holds an example: the app's own default applies
            // when the variable is unset, and it may be another value.
            facts.add(m.get(f.optional() ? "env.example" : "env.default", f.defaultDisplay()));
        }
        if (f.generateLength().isPresent()) {
            facts.add(m.get("env.generated", f.generateLength().getAsInt()));
        }
        if (!f.alternatives().isEmpty()) {
            facts.add(m.get("env.alternatives", String.join(", ", f.alternatives())));
        }
        if (!facts.isEmpty()) {
            Label hint = new Label(String.join(" · ", facts));
            hint.setWrapText(true);
            hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            row.getChildren().add(hint);
        }
        Label problem = new Label();
        problem.setId(id + "-problem");
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, "field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(f.problem().map(p -> p.map(this::text).orElse("")));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        row.getChildren().add(problem);
        return row;
    }

    private Node input(EnvField f, String id) {
        if (f.secret()) {
            SecretField s = new SecretField(m, f.name(), SecretGenerator.secure());
            s.setId(id);
            f.generateLength().ifPresent(n -> s.generateLengthProperty().set(Math.max(8, Math.min(256, n))));
            s.valueProperty().bindBidirectional(f.valueProperty());
            s.setMaxWidth(520);
            for (String part : new String[] {".secret-hidden", ".secret-shown"}) {
                if (s.lookup(part) instanceof TextInputControl t) {
                    decorate(t, f);
                }
            }
            return s;
        }
        if (f.type() == VariableType.BOOL && f.switchable()) {
            ToggleSwitch t = new ToggleSwitch();
            t.setId(id);
            t.setSelected(f.on());
            t.textProperty().bind(t.selectedProperty().map(on -> m.get(on ? "env.on" : "env.off")));
            t.selectedProperty().addListener((o, was, now) -> f.setOn(now));
            return t;
        }
        if (f.type() == VariableType.ENUM && !f.choices().isEmpty()) {
            ComboBox<String> c = new ComboBox<>();
            c.setId(id);
            c.getItems().setAll(f.choices());
            if (!f.value().isEmpty() && !f.choices().contains(f.value())) {
                c.getItems().add(f.value());
            }
            c.setValue(f.value());
            c.valueProperty().addListener((o, was, now) -> f.valueProperty().set(now == null ? "" : now));
            f.valueProperty().addListener((o, was, now) -> c.setValue(now));
            validation.registerValidator(c, false, (Control ctl, String v) -> result(ctl, f, v));
            return c;
        }
        TextField t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(f.valueProperty());
        if (f.optional() && !f.defaultDisplay().isEmpty()) {
            t.setPromptText(f.defaultDisplay());
        }
        switch (f.type()) {
            case INT, PORT -> {
                t.setPrefColumnCount(8);
                t.setMaxWidth(160);
            }
            default -> t.setMaxWidth(520);
        }
        decorate(t, f);
        if (f.type() != VariableType.PATH) {
            return t;
        }
        Button browse = new Button(m.get("env.browse"), Icons.of(Icons.Icon.FOLDER, 14));
        browse.setId(id + "-browse");
        browse.setAccessibleHelp(m.get("env.browse.help", f.name()));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(m.get("env.browse.title", f.name()));
            Optional.ofNullable(chooser.showDialog(getScene().getWindow()))
                    .map(File::getAbsolutePath)
                    .ifPresent(f.valueProperty()::set);
        });
        HBox.setHgrow(t, Priority.ALWAYS);
        HBox box = new HBox(6, t, browse);
        box.setMaxWidth(620);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void decorate(TextInputControl t, EnvField f) {
        validation.registerValidator(t, false, (Control c, String v) -> result(c, f, v));
    }

    private ValidationResult result(Control c, EnvField f, String v) {
        Optional<EnvField.Problem> p = f.check(v == null ? "" : v);
        return ValidationResult.fromErrorIf(c, p.map(this::text).orElse(""), p.isPresent());
    }

    private static Control control(Node input) {
        if (input instanceof Control c) {
            return c;
        }
        if (input instanceof SecretField s && s.lookup(".secret-hidden") instanceof Control c) {
            return c;
        }
        if (input instanceof HBox box && box.getChildren().getFirst() instanceof Control c) {
            return c;
        }
        throw new IllegalStateException("no control in " + input);
    }

    private static Label badge(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll("badge", style, Styles.TEXT_SMALL);
        return l;
    }

    private String text(EnvField.Problem p) {
        return problemText(m, p);
    }

    /** The message of a problem, in the user's language. */
    public static String problemText(Messages m, EnvField.Problem p) {
        return m.get("env.problem." + p.kind().name().toLowerCase(Locale.ROOT), p.detail());
    }
}
