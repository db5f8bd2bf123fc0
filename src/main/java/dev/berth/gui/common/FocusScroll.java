package dev.berth.gui.common;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;

/**
 * Keeps the focused control in view: when focus moves (Tab, a mnemonic, a test's request) to a
 * control that lies outside the viewport of a scroll pane holding it (an env form's field below the
 * fold, the second unfinished run's buttons in the resume banner), every enclosing scroll pane is
 * scrolled just enough to show it. JavaFX's scroll panes do not do this by themselves.
 */
public final class FocusScroll {
    private FocusScroll() {}

    /** Follows the focus owner of {@code scene} from now on. */
    public static void install(Scene scene) {
        scene.focusOwnerProperty().addListener((o, was, now) -> {
            if (now != null) {
                reveal(now);
            }
        });
    }

    /** Scrolls each scroll pane that holds {@code node} so that the node is inside its viewport. */
    public static void reveal(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() != null && sp.getContent() != node) {
                reveal(sp, node);
            }
        }
    }

    private static void reveal(ScrollPane sp, Node node) {
        Node content = sp.getContent();
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        if (b == null) {
            return;
        }
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewHeight = sp.getViewportBounds().getHeight();
        double range = contentHeight - viewHeight;
        if (range <= 0) {
            return;
        }
        double span = sp.getVmax() - sp.getVmin();
        double top = (sp.getVvalue() - sp.getVmin()) / span * range;
        double newTop = top;
        if (b.getMinY() < top) {
            newTop = b.getMinY();
        } else if (b.getMaxY() > top + viewHeight) {
            newTop = Math.min(b.getMinY(), b.getMaxY() - viewHeight);
        }
        if (newTop != top) {
            sp.setVvalue(sp.getVmin() + Math.max(0, Math.min(range, newTop)) / range * span);
        }
    }
}
