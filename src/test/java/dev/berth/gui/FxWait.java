package dev.berth.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting in TestFX tests for what runs off the FX thread: never sleeps, gives up after 20 s. */
public final class FxWait {
    private FxWait() {}

    /** Waits until a node matching {@code query} is shown (it and all its parents visible). */
    public static Node shown(FxRobot robot, String query) throws TimeoutException {
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup(query).tryQuery().map(FxWait::treeVisible).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(query).query();
    }

    /** Waits until {@code condition} holds (it is checked on the FX thread). */
    public static void until(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }
}
