package dev.berth.gui.settings;

import atlantafx.base.theme.Styles;
import dev.berth.config.Settings.Problem;
import dev.berth.config.Settings.SshServer;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * Settings → Servers: the list of SSH servers and the form to add, change, remove and test one.
 * Node ids: {@code #hosts-list}, {@code #hosts-address}, {@code #hosts-auth}, {@code
 * #hosts-key-file}, {@code #hosts-key-browse}, {@code #hosts-jump}, {@code #hosts-problem}, {@code
 * #hosts-new}, {@code #hosts-add}, {@code #hosts-update}, {@code #hosts-remove}, {@code
 * #hosts-test}, {@code #hosts-test-result}, {@code #hosts-accept-key}, {@code #hosts-save-error}.
 */
public final class HostsView extends VBox {
    private final HostsViewModel vm;
    private final Messages m;

    public HostsView(HostsViewModel vm, Messages m) {
        super(8);
        this.vm = vm;
        this.m = m;
        setId("settings-hosts");

        Label intro = new Label(m.get("hosts.intro"));
        intro.setWrapText(true);
        intro.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        ListView<SshServer> list = new ListView<>(vm.servers());
        list.setId("hosts-list");
        list.setPrefHeight(110);
        list.setAccessibleText(m.get("hosts.list.access"));
        list.setPlaceholder(new Label(m.get("hosts.list.empty")));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SshServer item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe(item));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });

        TextField address = new TextField();
        address.setId("hosts-address");
        address.setPromptText("admin@server.example:22");
        address.textProperty().bindBidirectional(vm.addressProperty());
        address.setAccessibleText(Messages.withoutMnemonic(m.get("hosts.address")));

        ComboBox<HostsViewModel.Auth> auth = new ComboBox<>();
        auth.setId("hosts-auth");
        auth.getItems().setAll(HostsViewModel.Auth.values());
        auth.setConverter(new StringConverter<>() {
            @Override
            public String toString(HostsViewModel.Auth a) {
                return a == null ? "" : m.get("hosts.auth." + a.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public HostsViewModel.Auth fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        });
        auth.valueProperty().bindBidirectional(vm.authProperty());
        auth.setAccessibleText(Messages.withoutMnemonic(m.get("hosts.auth")));

        TextField key = new TextField();
        key.setId("hosts-key-file");
        key.setPromptText(m.get("hosts.key.prompt"));
        key.textProperty().bindBidirectional(vm.identityFileProperty());
        key.setAccessibleText(Messages.withoutMnemonic(m.get("hosts.key")));
        Button browse = new Button(m.get("settings.browse"), Icons.of(Icons.Icon.FOLDER, 16));
        browse.setId("hosts-key-browse");
        browse.setOnAction(
                e -> chooseKey().ifPresent(f -> vm.identityFileProperty().set(f.getAbsolutePath())));
        HBox keyRow = new HBox(8, key, browse);
        HBox.setHgrow(key, Priority.ALWAYS);
        keyRow.visibleProperty().bind(vm.authProperty().isEqualTo(HostsViewModel.Auth.KEY_FILE));
        keyRow.managedProperty().bind(keyRow.visibleProperty());

        TextField jump = new TextField();
        jump.setId("hosts-jump");
        jump.setPromptText(m.get("hosts.jump.prompt"));
        jump.textProperty().bindBidirectional(vm.jumpProperty());
        jump.setAccessibleText(Messages.withoutMnemonic(m.get("hosts.jump")));

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(6);
        row(form, 0, "hosts.address", address);
        row(form, 1, "hosts.auth", auth);
        row(form, 2, "hosts.key", keyRow);
        Label keyLabel = (Label) form.getChildren().get(4);
        keyLabel.visibleProperty().bind(keyRow.visibleProperty());
        keyLabel.managedProperty().bind(keyRow.visibleProperty());
        row(form, 3, "hosts.jump", jump);

        Label problem = new Label();
        problem.setId("hosts-problem");
        problem.setWrapText(true);
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.textProperty()
                .bind(Bindings.createStringBinding(() -> text(vm.problems().get()), vm.problems()));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button fresh = button("hosts-new", "hosts.new", vm::newServer);
        Button add = button("hosts-add", "hosts.add", vm::add);
        add.disableProperty().bind(vm.canAdd().not());
        Button update = button("hosts-update", "hosts.update", vm::update);
        update.disableProperty().bind(vm.canUpdate().not());
        Button remove = button("hosts-remove", "hosts.remove", vm::remove);
        remove.disableProperty().bind(vm.selectedProperty().isNull());
        Button test = button("hosts-test", "hosts.test", vm::test);
        test.getStyleClass().add(Styles.ACCENT);
        test.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> vm.addressProperty().get().isBlank()
                                || !vm.problems().get().isEmpty()
                                || vm.testStateProperty().get() == HostsViewModel.TestState.TESTING,
                        vm.addressProperty(),
                        vm.problems(),
                        vm.testStateProperty()));
        HBox buttons = new HBox(6, fresh, add, update, remove, test);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label result = new Label();
        result.setId("hosts-test-result");
        result.setWrapText(true);
        result.textProperty()
                .bind(Bindings.createStringBinding(this::resultText, vm.testStateProperty(), vm.testResultProperty()));
        result.visibleProperty().bind(result.textProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        vm.testStateProperty().addListener((o, was, now) -> {
            result.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            switch (now) {
                case CONNECTED -> result.getStyleClass().add(Styles.SUCCESS);
                case UNKNOWN_KEY -> result.getStyleClass().add(Styles.WARNING);
                case CHANGED_KEY, FAILED -> result.getStyleClass().add(Styles.DANGER);
                case IDLE, TESTING -> {}
            }
        });
        Button accept = button("hosts-accept-key", "hosts.accept", vm::acceptKey);
        accept.visibleProperty().bind(vm.testStateProperty().isEqualTo(HostsViewModel.TestState.UNKNOWN_KEY));
        accept.managedProperty().bind(accept.visibleProperty());

        Label saveError = new Label();
        saveError.setId("hosts-save-error");
        saveError.setWrapText(true);
        saveError.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        saveError
                .textProperty()
                .bind(vm.saveErrorProperty().map(e -> e.isEmpty() ? "" : m.get("hosts.save.failed", e)));
        saveError.visibleProperty().bind(saveError.textProperty().isNotEmpty());
        saveError.managedProperty().bind(saveError.visibleProperty());

        getChildren().setAll(intro, list, form, problem, buttons, result, accept, saveError);
        setPadding(new Insets(0, 0, 8, 0));
    }

    private void row(GridPane form, int r, String key, javafx.scene.Node node) {
        Label l = new Label(m.get(key));
        l.setMnemonicParsing(true);
        if (node instanceof javafx.scene.control.Control c) {
            l.setLabelFor(c);
        }
        form.add(l, 0, r);
        form.add(node, 1, r);
        GridPane.setHgrow(node, Priority.ALWAYS);
    }

    private Button button(String id, String key, Runnable run) {
        Button b = new Button(m.get(key));
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setAccessibleText(Messages.withoutMnemonic(m.get(key)));
        b.setOnAction(e -> run.run());
        return b;
    }

    private String describe(SshServer s) {
        String base = s.key();
        return s.jump().isEmpty() ? base : m.get("hosts.via", base, s.jump());
    }

    private String text(List<Problem> problems) {
        return String.join(
                "\n",
                problems.stream()
                        .map(p -> m.get("problem." + p.kind().name().toLowerCase(Locale.ROOT), p.value()))
                        .toList());
    }

    /** The test's answer in the user's language; the detail of a failure is the connection layer's. */
    String resultText() {
        if (vm.testStateProperty().get() == HostsViewModel.TestState.TESTING) {
            return m.get("hosts.testing");
        }
        return vm.testResultProperty()
                .get()
                .map(r -> switch (r) {
                    case HostProbe.Result.Connected c ->
                        m.get("hosts.result.connected", c.address(), c.dockerVersion(), c.composeVersion());
                    case HostProbe.Result.UnknownKey u ->
                        m.get("hosts.result.unknown", u.host(), u.keyType(), u.fingerprint(), u.knownHosts());
                    case HostProbe.Result.ChangedKey c -> m.get("hosts.result.changed", c.host(), c.message());
                    case HostProbe.Result.Failed f ->
                        m.get(
                                "hosts.result.failed",
                                m.get("hosts.failure." + f.failure().name().toLowerCase(Locale.ROOT)),
                                f.message());
                })
                .orElse("");
    }

    private Optional<File> chooseKey() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(m.get("hosts.key.choose"));
        File ssh = new File(System.getProperty("user.home"), ".ssh");
        if (ssh.isDirectory()) {
            chooser.setInitialDirectory(ssh);
        }
        return Optional.ofNullable(chooser.showOpenDialog(getScene().getWindow()));
    }
}
