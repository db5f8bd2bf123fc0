package dev.berth.gui.common;

import atlantafx.base.theme.Styles;
import dev.berth.gui.common.ReleaseChoice.Kind;
import dev.berth.gui.common.ReleaseChoice.LoadState;
import dev.berth.release.apps.Match;
import java.io.File;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The release page of the install and upgrade wizards. Node ids: {@code #release-demo}, {@code
 * #release-folder}, {@code #release-archive}, {@code #release-git}, {@code #release-source},
 * {@code #release-browse}, {@code #release-load}, {@code #release-loading}, {@code
 * #release-error}, {@code #release-info}, {@code #release-app}, {@code #release-version}, {@code
 * #release-recognised}, {@code #release-notes}.
 */
public final class ReleaseChoiceView extends VBox {
    private final ReleaseChoice vm;
    private final Messages m;

    /**
     * @param extra shown under the release's facts once it is loaded (the upgrade's version path);
     *     may be null
     */
    public ReleaseChoiceView(ReleaseChoice vm, Messages m, Node extra) {
        super(14);
        this.vm = vm;
        this.m = m;
        getStyleClass().add("release-choice");

        Label question = new Label(m.get("release.question"));
        question.setWrapText(true);
        ToggleGroup group = new ToggleGroup();
        VBox kinds = new VBox(8);
        for (Kind k : Kind.values()) {
            if (k == Kind.DEMO && vm.demo().isEmpty()) {
                continue;
            }
            String key = "release.kind." + k.name().toLowerCase(Locale.ROOT);
            RadioButton r = new RadioButton(m.get(key));
            r.setId("release-" + k.name().toLowerCase(Locale.ROOT));
            r.setToggleGroup(group);
            r.setUserData(k);
            r.setMnemonicParsing(true);
            r.setAccessibleText(Messages.withoutMnemonic(m.get(key)));
            r.setAccessibleHelp(m.get(key + ".help"));
            r.setSelected(vm.kindProperty().get() == k);
            Label help = new Label(m.get(key + ".help"));
            help.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            help.setWrapText(true);
            help.setPadding(new javafx.geometry.Insets(0, 0, 0, 26));
            kinds.getChildren().addAll(r, help);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.kindProperty().set((Kind) now.getUserData());
            }
        });
        vm.kindProperty()
                .addListener((o, was, now) -> group.getToggles().stream()
                        .filter(t -> t.getUserData() == now)
                        .findFirst()
                        .ifPresent(t -> t.setSelected(true)));

        TextField source = new TextField();
        source.setId("release-source");
        source.textProperty().bindBidirectional(vm.sourceProperty());
        source.setAccessibleText(m.get("release.source.access"));
        source.promptTextProperty()
                .bind(vm.kindProperty()
                        .map(k -> m.get("release.prompt." + k.name().toLowerCase(Locale.ROOT))));
        source.editableProperty().bind(vm.kindProperty().isNotEqualTo(Kind.DEMO));
        source.setOnAction(e -> vm.load());
        HBox.setHgrow(source, Priority.ALWAYS);
        Button browse = new Button(m.get("release.browse"), Icons.of(Icons.Icon.FOLDER, 14));
        browse.setId("release-browse");
        browse.setAccessibleHelp(m.get("release.browse.help"));
        browse.disableProperty()
                .bind(vm.kindProperty()
                        .isEqualTo(Kind.DEMO)
                        .or(vm.kindProperty().isEqualTo(Kind.GIT)));
        browse.setOnAction(e -> browse());
        Button load = new Button(m.get("release.load"));
        load.setId("release-load");
        load.setAccessibleHelp(m.get("release.load.help"));
        load.disableProperty()
                .bind(vm.sourceProperty().isEmpty().or(vm.stateProperty().isEqualTo(LoadState.LOADING)));
        load.setOnAction(e -> vm.load());
        HBox sourceRow = new HBox(8, source, browse, load);
        sourceRow.setAlignment(Pos.CENTER_LEFT);
        sourceRow.setMaxWidth(860);

        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        Label loadingText = new Label(m.get("release.loading"));
        HBox loading = new HBox(8, spin, loadingText);
        loading.setId("release-loading");
        loading.setAlignment(Pos.CENTER_LEFT);
        loading.visibleProperty().bind(vm.stateProperty().isEqualTo(LoadState.LOADING));
        loading.managedProperty().bind(loading.visibleProperty());

        Label error = new Label();
        error.setId("release-error");
        error.setWrapText(true);
        error.getStyleClass().add("field-problem");
        error.textProperty().bind(vm.errorProperty().map(t -> t.english().isEmpty() ? "" : m.get("release.failed", t)));
        error.visibleProperty().bind(vm.stateProperty().isEqualTo(LoadState.FAILED));
        error.managedProperty().bind(error.visibleProperty());

        VBox info = new VBox(10);
        info.setId("release-info");
        info.getStyleClass().add("card-box");
        Runnable fill = () -> {
            Optional<ReleaseChoice.Loaded> l = vm.loadedProperty().get();
            info.getChildren().clear();
            info.setVisible(l.isPresent());
            info.setManaged(l.isPresent());
            l.ifPresent(x -> info.getChildren().setAll(describe(x, extra)));
        };
        vm.loadedProperty().addListener(o -> fill.run());
        fill.run();

        getChildren().addAll(question, kinds, sourceRow, loading, error, info);
    }

    private Node describe(ReleaseChoice.Loaded l, Node extra) {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        int row = 0;
        row = fact(grid, row, "release.app", l.app(), "release-app");
        row = fact(
                grid,
                row,
                "release.version",
                l.release().version().raw().isEmpty()
                        ? m.get("value.unknown")
                        : l.release().version().raw(),
                "release-version");
        if (l.recognised().isPresent()) {
            row = fact(
                    grid, row, "release.recognised", recognised(l.recognised().get()), "release-recognised");
        }
        fact(grid, row, "release.from", l.release().source().display(), "release-from");
        VBox box = new VBox(10, grid);
        if (extra != null) {
            box.getChildren().add(extra);
        }
        if (!l.notes().isEmpty()) {
            Label title = new Label(m.get("release.notes"));
            title.getStyleClass().add(Styles.TITLE_4);
            TextArea notes = new TextArea(l.notes());
            notes.setId("release-notes");
            notes.setEditable(false);
            notes.setWrapText(true);
            notes.setPrefRowCount(8);
            notes.setAccessibleText(m.get("release.notes"));
            notes.getStyleClass().add("release-notes");
            box.getChildren().addAll(title, notes);
        }
        return box;
    }

    private String recognised(Match match) {
        String version = match.version().map(v -> v.raw()).orElse("");
        return m.get(
                "release.match." + match.confidence().name().toLowerCase(Locale.ROOT),
                match.profile().name(),
                version);
    }

    private int fact(GridPane grid, int row, String key, String value, String id) {
        Label k = new Label(m.get(key));
        k.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.setId(id);
        v.setWrapText(true);
        v.getStyleClass().add(Styles.TEXT_BOLD);
        grid.add(k, 0, row);
        grid.add(v, 1, row);
        return row + 1;
    }

    private void browse() {
        File chosen;
        if (vm.kindProperty().get() == Kind.ARCHIVE) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(m.get("release.browse.archive"));
            chooser.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            m.get("release.archives"), "*.tar.gz", "*.tgz", "*.tar", "*.tar.zst", "*.zip"));
            chosen = chooser.showOpenDialog(getScene().getWindow());
        } else {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(m.get("release.browse.folder"));
            chosen = chooser.showDialog(getScene().getWindow());
        }
        if (chosen != null) {
            vm.sourceProperty().set(chosen.getAbsolutePath());
            vm.load();
        }
    }
}
