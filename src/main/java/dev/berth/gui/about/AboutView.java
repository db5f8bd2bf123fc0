package dev.berth.gui.about;

import atlantafx.base.theme.Styles;
import dev.berth.gui.common.Messages;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * About Berth: version, runtime, folders, credits. Node ids: {@code #page-about}, {@code
 * #about-version}, {@code #about-libraries}.
 */
public final class AboutView extends ScrollPane {

    public AboutView(AboutViewModel vm, Messages m) {
        setId("page-about");
        getStyleClass().addAll("page", Styles.FLAT);
        setFitToWidth(true);

        Label title = new Label(m.get("about.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label version = new Label(m.get("about.version", vm.version()));
        version.setId("about-version");
        version.getStyleClass().add(Styles.TITLE_4);
        Label tagline = new Label(m.get("about.tagline"));
        tagline.setWrapText(true);
        Label runtime = new Label(m.get("about.runtime", vm.javaVersion(), vm.javaFxVersion()));
        runtime.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        Label foldersTitle = new Label(m.get("about.folders"));
        foldersTitle.getStyleClass().add(Styles.TITLE_4);
        GridPane folders = new GridPane();
        folders.setHgap(12);
        folders.setVgap(4);
        addPath(folders, 0, m.get("about.folder.config"), vm.configDir().toString());
        addPath(folders, 1, m.get("about.folder.data"), vm.dataDir().toString());
        addPath(folders, 2, m.get("about.folder.logs"), vm.logsDir().toString());

        Label libsTitle = new Label(m.get("about.libraries"));
        libsTitle.getStyleClass().add(Styles.TITLE_4);
        GridPane libs = new GridPane();
        libs.setId("about-libraries");
        libs.setHgap(12);
        libs.setVgap(2);
        int r = 0;
        for (AboutViewModel.Library lib : vm.libraries()) {
            Label name = new Label(lib.name());
            Label license = new Label(lib.license());
            license.getStyleClass().add(Styles.TEXT_MUTED);
            Label url = new Label(lib.url());
            url.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            libs.addRow(r++, name, license, url);
        }
        Label icons = new Label(m.get("about.icons"));
        icons.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        icons.setWrapText(true);

        VBox box = new VBox(10, title, version, tagline, runtime, foldersTitle, folders, libsTitle, libs, icons);
        box.setPadding(new Insets(0, 0, 12, 0));
        setContent(box);
    }

    private static void addPath(GridPane grid, int row, String label, String path) {
        Label l = new Label(label);
        Label p = new Label(path);
        p.getStyleClass().add("monospace");
        grid.addRow(row, l, p);
    }
}
