package dev.berth.gui.home;

import atlantafx.base.theme.Styles;
import dev.berth.gui.common.Formats;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import java.io.File;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * Home: the installs on this machine, or what to do when there are none. Node ids: {@code
 * #page-home}, {@code #home-loading}, {@code #home-empty}, {@code #home-demo}, {@code #home-scan},
 * {@code #home-refresh}, {@code #home-table}, {@code #home-failed}, {@code #docker-unreachable}.
 */
public final class HomeView extends BorderPane {
    private final Messages m;
    private final HomeViewModel vm;

    public HomeView(HomeViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        setId("page-home");
        getStyleClass().add("page");

        Label title = new Label(m.get("home.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button scan = new Button(m.get("home.scan"), Icons.of(Icons.Icon.SEARCH, 16));
        scan.setId("home-scan");
        scan.setAccessibleHelp(m.get("home.scan.help"));
        scan.setOnAction(e -> chooseScanFolder());
        Button refresh = new Button(m.get("home.refresh"), Icons.of(Icons.Icon.REFRESH, 16));
        refresh.setId("home-refresh");
        refresh.setAccessibleHelp(m.get("home.refresh.help"));
        refresh.disableProperty().bind(vm.stateProperty().map(s -> s == HomeViewModel.State.LOADING));
        refresh.setOnAction(e -> vm.reload());
        HBox header = new HBox(8, title, gap, scan, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 16, 0));
        setTop(header);

        // Only the state on screen is built: the first frame shows Home while loading, and the
        // table, the Docker page and the failure view would cost start-up time for nothing.
        StackPane body = new StackPane();
        setCenter(body);
        Map<HomeViewModel.State, Node> built = new EnumMap<>(HomeViewModel.State.class);
        DockerUnreachableViewModel dockerVm = new DockerUnreachableViewModel(vm::reload, vm::openSettings);
        Runnable show = () -> {
            HomeViewModel.State s = vm.stateProperty().get();
            Node node = built.computeIfAbsent(s, state -> switch (state) {
                case LOADING -> loading();
                case EMPTY -> empty();
                case LIST -> list();
                case DOCKER_UNREACHABLE -> scroll(new DockerUnreachableView(dockerVm, m));
                case FAILED -> failed();
            });
            if (s == HomeViewModel.State.DOCKER_UNREACHABLE) {
                dockerVm.show(m.text(vm.errorProperty().get()));
            }
            body.getChildren().setAll(node);
        };
        vm.stateProperty().addListener(o -> show.run());
        vm.errorProperty().addListener(o -> show.run());
        show.run();
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane sp = new ScrollPane(content);
        sp.setFitToWidth(true);
        sp.getStyleClass().add(Styles.FLAT);
        return sp;
    }

    /**
     * Text only: a spinner's animation classes would be loaded before the first frame, and the
     * search rarely takes long enough to need one (Refresh is disabled meanwhile).
     */
    private Node loading() {
        Label text = new Label(m.get("home.loading"));
        text.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TITLE_4);
        VBox box = new VBox(12, text);
        box.setId("home-loading");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private Node empty() {
        Node icon = Icons.of(Icons.Icon.INSTALL, 48);
        icon.getStyleClass().add("empty-icon");
        Label title = new Label(m.get("home.empty.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label(m.get("home.empty.text"));
        text.setWrapText(true);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setMaxWidth(520);
        text.setAlignment(Pos.CENTER);
        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Button demo = new Button(m.get("home.demo"), Icons.of(Icons.Icon.PLAY, 16));
        demo.setId("home-demo");
        demo.getStyleClass().add(Styles.ACCENT);
        demo.setAccessibleHelp(m.get("home.demo.help"));
        demo.setOnAction(e -> vm.tryDemo());
        Button scan = new Button(m.get("home.scan"), Icons.of(Icons.Icon.SEARCH, 16));
        scan.setId("home-empty-scan");
        scan.setAccessibleHelp(m.get("home.scan.help"));
        scan.setOnAction(e -> chooseScanFolder());
        HBox buttons = new HBox(10, demo, scan);
        buttons.setAlignment(Pos.CENTER);
        VBox box = new VBox(14, icon, title, text, buttons);
        box.setId("home-empty");
        box.getStyleClass().add("empty-state");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private Node failed() {
        Label title = new Label(m.get("home.failed.title"), Icons.of(Icons.Icon.ERROR, 24));
        title.getStyleClass().add(Styles.TITLE_3);
        Label message = new Label();
        message.setWrapText(true);
        message.getStyleClass().add("monospace");
        message.textProperty().bind(vm.errorProperty().map(m::text));
        Button retry = new Button(m.get("home.retry"), Icons.of(Icons.Icon.REFRESH, 16));
        retry.setId("home-retry");
        retry.setOnAction(e -> vm.reload());
        VBox box = new VBox(12, title, message, retry);
        box.setId("home-failed");
        box.setMaxWidth(760);
        return box;
    }

    /** The table with the actions for the chosen install above it. */
    private Node list() {
        TableView<InstallRow> t = table();
        t.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> vm.selectedProperty().set(now));
        Runnable select = () -> {
            InstallRow r = vm.selectedProperty().get();
            if (t.getSelectionModel().getSelectedItem() != r) {
                if (r == null) {
                    t.getSelectionModel().clearSelection();
                } else {
                    t.getSelectionModel().select(r);
                }
            }
        };
        vm.selectedProperty().addListener(o -> select.run());
        select.run();
        // Wraps onto a second line where the texts are long (Japanese, French) rather than cutting
        // every button's text short.
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(
                6,
                6,
                action("home-upgrade", "home.action.upgrade", Icons.Icon.INSTALL, vm::upgrade),
                action("home-configure", "home.action.configure", Icons.Icon.SETTINGS, vm::configure),
                action("home-backup", "home.action.backup", Icons.Icon.RESTORE, vm::backUp),
                action("home-restore", "home.action.restore", Icons.Icon.RESTORE, vm::restore),
                openFolder(),
                action("home-logs", "home.action.logs", Icons.Icon.SEARCH, vm::showLogs));
        actions.setId("home-actions");
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getChildren().forEach(b -> ((Button) b).setMinWidth(Region.USE_PREF_SIZE));
        Label hint = new Label(m.get("home.actions.hint"));
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.visibleProperty().bind(vm.selectedProperty().isNull());
        hint.managedProperty().bind(hint.visibleProperty());
        VBox.setVgrow(t, Priority.ALWAYS);
        return new VBox(8, actions, hint, hosts(), t);
    }

    /** Folders of a server's installs are on the server: the file manager here cannot open them. */
    private Button openFolder() {
        return localOnly(action("home-open-folder", "home.action.folder", Icons.Icon.FOLDER, vm::openFolder));
    }

    /** For what only works on this computer's installs. */
    private Button localOnly(Button b) {
        b.disableProperty().unbind();
        b.disableProperty().bind(vm.selectedProperty().map(r -> !r.isLocal()).orElse(true));
        return b;
    }

    /** One line per server still being searched or that could not be reached, with Retry. */
    private Node hosts() {
        VBox box = new VBox(4);
        box.setId("home-hosts");
        Runnable fill = () -> {
            List<Node> lines = new java.util.ArrayList<>();
            int n = 0;
            for (HomeViewModel.HostStatus h : vm.hosts()) {
                n++;
                switch (h.state()) {
                    case LISTED -> {}
                    case LOADING -> {
                        Label l = new Label(m.get("home.host.loading", h.host()));
                        l.getStyleClass().add(Styles.TEXT_MUTED);
                        l.setId("home-host-loading-" + n);
                        lines.add(l);
                    }
                    case UNREACHABLE -> {
                        Label l = new Label(
                                m.get("home.host.unreachable", h.host(), h.error()), Icons.of(Icons.Icon.ERROR, 14));
                        l.setWrapText(true);
                        l.getStyleClass().add(Styles.DANGER);
                        l.setId("home-host-unreachable-" + n);
                        Button retry = new Button(m.get("home.host.retry", h.host()), Icons.of(Icons.Icon.REFRESH, 14));
                        retry.setId("home-host-retry-" + n);
                        retry.setOnAction(e -> vm.reloadHost(h.host()));
                        HBox line = new HBox(8, l, retry);
                        line.setAlignment(Pos.CENTER_LEFT);
                        HBox.setHgrow(l, Priority.ALWAYS);
                        lines.add(line);
                    }
                }
            }
            box.getChildren().setAll(lines);
            box.setVisible(!lines.isEmpty());
            box.setManaged(!lines.isEmpty());
        };
        vm.hosts().addListener((javafx.collections.ListChangeListener<HomeViewModel.HostStatus>) c -> fill.run());
        fill.run();
        return box;
    }

    private Button action(String id, String key, Icons.Icon icon, Runnable run) {
        Button b = new Button(m.get(key), Icons.of(icon, 14));
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setAccessibleText(Messages.withoutMnemonic(m.get(key)));
        b.setAccessibleHelp(m.get(key + ".help"));
        b.disableProperty().bind(vm.selectedProperty().isNull());
        b.setOnAction(e -> run.run());
        return b;
    }

    private TableView<InstallRow> table() {
        TableView<InstallRow> t = new TableView<>(vm.installs());
        t.setId("home-table");
        t.setAccessibleText(m.get("home.table.access"));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.getStyleClass().add(Styles.STRIPED);
        ZoneId zone = ZoneId.systemDefault();
        t.getColumns()
                .setAll(List.of(
                        column("home.col.host", 120, r -> r.isLocal() ? m.get("home.host.local") : r.host()),
                        column(
                                "home.col.app",
                                200,
                                r -> r.app().equalsIgnoreCase(r.project())
                                        ? r.app()
                                        : m.get("home.app", r.app(), r.project())),
                        column(
                                "home.col.version",
                                80,
                                r -> r.version().isEmpty() ? m.get("value.unknown") : r.version()),
                        column(
                                "home.col.state",
                                165,
                                r -> m.get(
                                        "home.state",
                                        m.get("state." + r.state().name().toLowerCase(Locale.ROOT)),
                                        m.get("health." + r.health().name().toLowerCase(Locale.ROOT)))),
                        column("home.col.data", 120, r -> r.dataDir().toString()),
                        column(
                                "home.col.disk",
                                80,
                                r -> r.diskUseBytes() < 0
                                                && vm.measuringProperty().get()
                                        ? m.get("home.disk.measuring")
                                        : Formats.bytes(m, r.diskUseBytes())),
                        column(
                                "home.col.backup",
                                150,
                                r -> r.lastBackup()
                                        .map(i -> Formats.dateTime(m, i, zone))
                                        .orElse(m.get("home.backup.never"))),
                        column("home.col.warnings", 130, r -> String.join(" · ", r.warnings()))));
        return t;
    }

    /** A text column; the full text is in a tooltip, since narrow windows cut it short. */
    private TableColumn<InstallRow, String> column(String key, double width, Function<InstallRow, String> text) {
        TableColumn<InstallRow, String> c = new TableColumn<>(m.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> (ObservableValue<String>) new ReadOnlyStringWrapper(text.apply(cd.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    private void chooseScanFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(m.get("home.scan.choose"));
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            vm.addScanFolder(dir.toPath(), e -> {
                Alert a = new Alert(Alert.AlertType.ERROR, m.get("home.scan.failed", e.getMessage()));
                a.setHeaderText(null);
                a.initOwner(getScene().getWindow());
                a.show();
            });
        }
    }
}
