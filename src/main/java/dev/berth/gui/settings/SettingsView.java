package dev.berth.gui.settings;

import atlantafx.base.theme.Styles;
import dev.berth.config.Settings.Field;
import dev.berth.config.Settings.Language;
import dev.berth.config.Settings.Problem;
import dev.berth.config.Settings.Theme;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * The Settings page. Each field shows its problem under it (for screen readers too) and as a
 * ControlsFX decoration. Node ids: {@code #page-settings}, {@code #settings-docker-host}, {@code
 * #settings-backup-folder}, {@code #settings-backup-browse}, {@code #settings-keep}, {@code
 * #settings-language}, {@code #settings-theme}, {@code #settings-scan-folders}, {@code
 * #settings-scan-add}, {@code #settings-mirrors}, {@code #settings-save}, {@code
 * #settings-revert}, {@code #settings-status}, {@code #settings-scroll}, {@code #settings-hosts}; a field's problem label is its id plus {@code
 * -problem}.
 */
public final class SettingsView extends BorderPane {
    private final SettingsViewModel vm;
    private final Messages m;
    private final ValidationSupport validation = new ValidationSupport();
    private final GridPane grid = new GridPane();
    private int row;

    public SettingsView(SettingsViewModel vm, Messages m) {
        this(vm, m, null);
    }

    /** @param hosts Settings → Servers, shown last; null for none */
    public SettingsView(SettingsViewModel vm, Messages m, HostsView hosts) {
        this.vm = vm;
        this.m = m;
        setId("page-settings");
        getStyleClass().add("page");

        Label title = new Label(m.get("settings.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label where = new Label(m.get("settings.file", vm.settingsFile()));
        where.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        where.setWrapText(true);
        VBox header = new VBox(4, title, where);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);

        grid.getStyleClass().add("settings-form");
        grid.setHgap(16);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(640);
        grid.getColumnConstraints().addAll(labels, fields);

        section("settings.section.docker");
        TextField host = new TextField();
        host.setId("settings-docker-host");
        host.setPromptText(m.get("settings.docker.prompt"));
        host.textProperty().bindBidirectional(vm.dockerHostProperty());
        field("settings.docker", host, host, Field.DOCKER_HOST, "settings.docker.hint");

        section("settings.section.backups");
        TextField backup = new TextField();
        backup.setId("settings-backup-folder");
        backup.setPromptText(vm.defaultBackupFolder().toString());
        backup.textProperty().bindBidirectional(vm.backupFolderProperty());
        Button browse = new Button(m.get("settings.browse"), Icons.of(Icons.Icon.FOLDER, 16));
        browse.setId("settings-backup-browse");
        browse.setAccessibleHelp(m.get("settings.backup.browse.help"));
        browse.setOnAction(e -> chooseFolder(m.get("settings.backup.choose"))
                .ifPresent(f -> vm.backupFolderProperty().set(f.getAbsolutePath())));
        HBox backupRow = new HBox(8, backup, browse);
        HBox.setHgrow(backup, Priority.ALWAYS);
        field("settings.backup", backupRow, backup, Field.BACKUP_FOLDER, "settings.backup.hint");

        TextField keep = new TextField();
        keep.setId("settings-keep");
        keep.setPrefColumnCount(5);
        keep.setMaxWidth(120);
        keep.textProperty().bindBidirectional(vm.backupsToKeepProperty());
        field("settings.keep", keep, keep, Field.BACKUPS_TO_KEEP, "settings.keep.hint");

        section("settings.section.appearance");
        ComboBox<Language> language = new ComboBox<>();
        language.setId("settings-language");
        language.getItems().setAll(Language.values());
        language.setConverter(converter(l -> l == Language.SYSTEM ? m.get("settings.language.system") : nativeName(l)));
        language.setButtonCell(cell(language.getConverter()));
        language.valueProperty().bindBidirectional(vm.languageProperty());
        field("settings.language", language, language, Field.LANGUAGE, "settings.language.hint");

        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("settings-theme");
        theme.getItems().setAll(Theme.values());
        theme.setConverter(converter(t -> m.get("settings.theme." + t.key())));
        theme.setButtonCell(cell(theme.getConverter()));
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        field("settings.theme", theme, theme, Field.THEME, "settings.theme.hint");

        section("settings.section.apps");
        TextArea scan = new TextArea();
        scan.setId("settings-scan-folders");
        scan.setPrefRowCount(3);
        scan.setPromptText(m.get("settings.scan.prompt"));
        scan.textProperty().bindBidirectional(vm.scanFoldersProperty());
        Button add = new Button(m.get("settings.scan.add"), Icons.of(Icons.Icon.FOLDER, 16));
        add.setId("settings-scan-add");
        add.setOnAction(e -> chooseFolder(m.get("settings.scan.choose")).ifPresent(f -> vm.addScanFolder(f.toPath())));
        VBox scanBox = new VBox(6, scan, add);
        field("settings.scan", scanBox, scan, Field.SCAN_FOLDERS, "settings.scan.hint");

        TextArea mirrors = new TextArea();
        mirrors.setId("settings-mirrors");
        mirrors.setPrefRowCount(3);
        mirrors.setPromptText("docker.io=registry.example.org/hub");
        mirrors.textProperty().bindBidirectional(vm.imageMirrorsProperty());
        field("settings.mirrors", mirrors, mirrors, Field.IMAGE_MIRRORS, "settings.mirrors.hint");

        if (hosts != null) {
            section("settings.section.hosts");
            GridPane.setColumnSpan(hosts, 2);
            grid.add(hosts, 0, row++);
        }

        ScrollPane scroll = new ScrollPane(grid);
        scroll.setId("settings-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        setCenter(scroll);

        Button save = new Button(m.get("settings.save"));
        save.setId("settings-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.canSave().not());
        save.setAccessibleHelp(m.get("settings.save.help"));
        save.setOnAction(e -> vm.save());
        Button revert = new Button(m.get("settings.revert"));
        revert.setId("settings-revert");
        revert.disableProperty().bind(vm.edited().not());
        revert.setOnAction(e -> vm.revert());
        Label status = new Label();
        status.setId("settings-status");
        status.setWrapText(true);
        status.textProperty()
                .bind(Bindings.createStringBinding(
                        this::statusText,
                        vm.statusProperty(),
                        vm.statusDetailProperty(),
                        vm.movedAsideProperty(),
                        vm.problems()));
        HBox footer = new HBox(8, save, revert, status);
        HBox.setHgrow(status, Priority.ALWAYS);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(12, 0, 0, 0));
        setBottom(footer);
    }

    private String statusText() {
        return switch (vm.statusProperty().get()) {
            case CLEAN -> "";
            case EDITED ->
                vm.valid().get()
                        ? m.get("settings.status.edited")
                        : m.get("settings.status.invalid", vm.problems().get().size());
            case SAVING -> m.get("settings.status.saving");
            case SAVED ->
                vm.movedAsideProperty()
                        .get()
                        .map(p -> m.get("settings.status.saved.aside", vm.settingsFile(), p))
                        .orElse(m.get("settings.status.saved", vm.settingsFile()));
            case FAILED ->
                m.get("settings.status.failed", vm.statusDetailProperty().get());
        };
    }

    private void section(String key) {
        Label l = new Label(m.get(key));
        l.getStyleClass().addAll(Styles.TITLE_4, "settings-section");
        GridPane.setColumnSpan(l, 2);
        GridPane.setHalignment(l, HPos.LEFT);
        GridPane.setMargin(l, new Insets(row == 0 ? 0 : 16, 0, 4, 0));
        grid.add(l, 0, row++);
    }

    /**
     * Adds a labelled row: {@code node} is what is laid out, {@code control} what the label, the
     * validation and the problem text belong to.
     */
    private void field(String key, Node node, Control control, Field field, String hintKey) {
        Label label = new Label(m.get(key));
        label.setMnemonicParsing(true);
        label.setLabelFor(control);
        GridPane.setValignment(label, VPos.TOP);
        GridPane.setMargin(label, new Insets(6, 0, 0, 0));
        String plain = Messages.withoutMnemonic(label.getText());
        control.setAccessibleText(plain);
        control.setAccessibleHelp(m.get(hintKey, vm.defaultBackupFolder()));

        Label hint = new Label(m.get(hintKey, vm.defaultBackupFolder()));
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.setWrapText(true);
        Label problem = new Label();
        problem.setId(control.getId() + "-problem");
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER, "field-problem");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        if (control instanceof TextInputControl input) {
            problem.textProperty().bind(input.textProperty().map(t -> problemText(field, t)));
            validation.registerValidator(input, false, (Control c, String value) -> {
                List<Problem> found = SettingsViewModel.check(field, value == null ? "" : value);
                return ValidationResult.fromErrorIf(c, found.isEmpty() ? "" : text(found.getFirst()), !found.isEmpty());
            });
        }
        VBox box = new VBox(4, node, problem, hint);
        grid.add(label, 0, row);
        grid.add(box, 1, row++);
    }

    private String problemText(Field field, String value) {
        List<Problem> found = SettingsViewModel.check(field, value == null ? "" : value);
        return String.join("\n", found.stream().map(this::text).toList());
    }

    private String text(Problem p) {
        return m.get("problem." + p.kind().name().toLowerCase(Locale.ROOT), p.value());
    }

    private java.util.Optional<File> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return java.util.Optional.ofNullable(chooser.showDialog(getScene().getWindow()));
    }

    /** Language names in their own language, as language menus conventionally show them. */
    static String nativeName(Language l) {
        return switch (l) {
            case SYSTEM -> "";
            case ENGLISH -> "English";
            case CHINESE_SIMPLIFIED -> "简体中文";
            case FRENCH -> "Français";
            case JAPANESE -> "日本語";
        };
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    private static <T> ListCell<T> cell(StringConverter<T> c) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : c.toString(item));
            }
        };
    }
}
