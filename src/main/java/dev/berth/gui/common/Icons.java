package dev.berth.gui.common;

import java.util.Locale;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;

/**
 * Berth's icons: vector paths drawn on a 24×24 grid, filled with the theme's text colour through
 * CSS ({@code .icon-path}), so they stay sharp at any screen scale and follow light and dark. Drawn
 * for Berth (no icon font, no extra dependency).
 */
public final class Icons {
    private Icons() {}

    /** The icons the app uses; each is one or more paths filled even-odd (holes are sub-paths). */
    public enum Icon {
        HOME("M12 3 2 12h3v8h6v-6h2v6h6v-8h3z"),
        INSTALL("M11 3h2v9l3.5-3.5 1.4 1.4-5.9 5.9-5.9-5.9 1.4-1.4L11 12zM4 17h2v2h12v-2h2v4H4z"),
        RESTORE("M13 3a9 9 0 0 0-9 9H1l4 4 4-4H6a7 7 0 1 1 2.05 4.95l-1.42 1.42A9 9 0 1 0 13 3z"
                + "M12 8h1.5v4.2l3.6 2.1-.75 1.25L12 13z"),
        SETTINGS(gear(8, 11, 8.3, 3.6)),
        ABOUT("M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zM11 10h2v7h-2zM11 6h2v2h-2z"),
        EYE("M12 5C7 5 3 8.5 1.5 12 3 15.5 7 19 12 19s9-3.5 10.5-7C21 8.5 17 5 12 5z"
                + "M12 7c-3.5 0-6.5 2.3-8 5 1.5 2.7 4.5 5 8 5s6.5-2.3 8-5c-1.5-2.7-4.5-5-8-5z"
                + "M12 9a3 3 0 1 0 0 6 3 3 0 1 0 0-6z"),
        EYE_OFF(
                "M12 5C7 5 3 8.5 1.5 12 3 15.5 7 19 12 19s9-3.5 10.5-7C21 8.5 17 5 12 5z"
                        + "M12 7c-3.5 0-6.5 2.3-8 5 1.5 2.7 4.5 5 8 5s6.5-2.3 8-5c-1.5-2.7-4.5-5-8-5z"
                        + "M12 9a3 3 0 1 0 0 6 3 3 0 1 0 0-6z",
                "M3.4 2 22 20.6 20.6 22 2 3.4z"),
        FOLDER("M3 5h6l2 2h10v12H3zM5 9v8h14V9z"),
        SEARCH("M10 3a7 7 0 1 0 4.2 12.6l5.1 5.1 1.4-1.4-5.1-5.1A7 7 0 0 0 10 3zM10 5a5 5 0 1 1 0 10 5 5 0 1 1 0-10z"),
        REFRESH("M12 4a8 8 0 1 0 7.75 10h-2.1A6 6 0 1 1 12 6c1.66 0 3.1.69 4.2 1.8L13 11h7V4l-2.35 2.35"
                + "A7.95 7.95 0 0 0 12 4z"),
        WARNING("M12 2 1 21h22zM11 9h2v6h-2zM11 17h2v2h-2z"),
        ERROR("M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zM7.4 8.8l1.4-1.4 3.2 3.2 3.2-3.2 1.4 1.4-3.2 3.2 3.2 3.2"
                + "-1.4 1.4-3.2-3.2-3.2 3.2-1.4-1.4 3.2-3.2z"),
        CHECK("M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zM6 12.5l1.4-1.4 3.1 3.1 6.1-6.1 1.4 1.4-7.5 7.5z"),
        PENDING("M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zM12 4a8 8 0 1 1 0 16 8 8 0 1 1 0-16z"),
        PLUG("M8 2h2v5H8zM14 2h2v5h-2zM6 7h12v4a6 6 0 0 1-5 5.9V22h-2v-6.1A6 6 0 0 1 6 11z"),
        PLAY("M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zM10 7.5v9l7-4.5z");

        private final String[] paths;

        Icon(String... paths) {
            this.paths = paths;
        }

        String[] paths() {
            return paths.clone();
        }
    }

    /**
     * A new node showing {@code icon} in a {@code size}×{@code size} box (logical pixels). Style
     * classes: {@code icon}, {@code icon-<name>} on the node and {@code icon-path} on its paths.
     */
    public static Node of(Icon icon, double size) {
        Rectangle box = new Rectangle(24, 24, Color.TRANSPARENT);
        Group drawing = new Group(box);
        for (String d : icon.paths) {
            SVGPath p = new SVGPath();
            p.setContent(d);
            p.setFillRule(FillRule.EVEN_ODD);
            p.getStyleClass().add("icon-path");
            drawing.getChildren().add(p);
        }
        drawing.setScaleX(size / 24);
        drawing.setScaleY(size / 24);
        Group node = new Group(drawing);
        node.getStyleClass()
                .addAll("icon", "icon-" + icon.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return node;
    }

    /** A gear with {@code teeth} teeth between radius {@code root} and {@code outer}, with a hole. */
    static String gear(int teeth, double outer, double root, double hole) {
        StringBuilder sb = new StringBuilder();
        double step = 2 * Math.PI / teeth;
        double tip = step * 0.2;
        double base = step * 0.32;
        for (int i = 0; i < teeth; i++) {
            double c = i * step;
            point(sb, i == 0 ? 'M' : 'L', root, c - base);
            point(sb, 'L', outer, c - tip);
            point(sb, 'L', outer, c + tip);
            point(sb, 'L', root, c + base);
        }
        sb.append('z');
        sb.append(String.format(
                Locale.ROOT,
                "M12 %.2fa%.2f %.2f 0 1 0 0 %.2fa%.2f %.2f 0 1 0 0 -%.2fz",
                12 - hole,
                hole,
                hole,
                2 * hole,
                hole,
                hole,
                2 * hole));
        return sb.toString();
    }

    private static void point(StringBuilder sb, char cmd, double r, double angle) {
        sb.append(String.format(Locale.ROOT, "%c%.2f %.2f", cmd, 12 + r * Math.sin(angle), 12 - r * Math.cos(angle)));
    }
}
