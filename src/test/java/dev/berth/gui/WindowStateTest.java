package dev.berth.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowStateTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 800);
    private static final Rectangle2D RIGHT_MONITOR = new Rectangle2D(1280, 0, 2560, 1440);

    @Test
    void aPlaceOnAnAttachedScreenIsKept() {
        WindowState saved = new WindowState(1500, 100, 1200, 800, false);

        assertThat(saved.placeOn(List.of(LAPTOP, RIGHT_MONITOR))).isEqualTo(saved);
    }

    @Test
    void aPlaceOnAnUnpluggedScreenMovesToThePrimaryCentred() {
        WindowState saved = new WindowState(1500, 100, 1200, 800, false);

        WindowState placed = saved.placeOn(List.of(LAPTOP));

        assertThat(placed).isEqualTo(WindowState.centered(LAPTOP));
        assertThat(placed.width()).isEqualTo(1100);
        assertThat(placed.x()).isEqualTo(90);
    }

    @Test
    void aWindowLargerThanItsScreenShrinksToFit() {
        WindowState saved = new WindowState(-50, -20, 3000, 2000, false);

        WindowState placed = saved.placeOn(List.of(LAPTOP));

        assertThat(placed).isEqualTo(new WindowState(0, 0, 1280, 800, false));
    }

    @Test
    void aWindowHangingOffTheEdgeIsPulledBackInside() {
        WindowState saved = new WindowState(1000, 600, 900, 600, false);

        WindowState placed = saved.placeOn(List.of(LAPTOP));

        assertThat(placed).isEqualTo(new WindowState(380, 200, 900, 600, false));
    }

    @Test
    void aWindowThatStraddlesTwoScreensGoesToTheOneShowingMostOfIt() {
        WindowState saved = new WindowState(1000, 100, 1000, 700, false);

        WindowState placed = saved.placeOn(List.of(LAPTOP, RIGHT_MONITOR));

        assertThat(placed.x()).isEqualTo(1280);
        assertThat(placed.y()).isEqualTo(100);
    }

    @Test
    void maximizedIsKeptEvenWhenRecentred() {
        WindowState saved = new WindowState(9000, 9000, 800, 600, true);

        assertThat(saved.placeOn(List.of(LAPTOP)).maximized()).isTrue();
    }

    @Test
    void aTinyWindowGrowsToTheMinimumSize() {
        WindowState saved = new WindowState(100, 100, 200, 150, false);

        WindowState placed = saved.placeOn(List.of(LAPTOP));

        assertThat(placed.width()).isEqualTo(WindowState.MIN_WIDTH);
        assertThat(placed.height()).isEqualTo(WindowState.MIN_HEIGHT);
    }

    @Test
    void writtenStateReadsBack(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("state/window.properties");
        WindowState s = new WindowState(12.5, 40, 1024, 700, true);

        s.write(f);

        assertThat(WindowState.read(f)).contains(s);
    }

    @Test
    void aMissingOrBrokenFileMeansNoSavedPlace(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("window.properties");
        assertThat(WindowState.read(f)).isEmpty();

        Files.writeString(f, "x=left\ny=1\nwidth=2\nheight=3\n");
        assertThat(WindowState.read(f)).isEmpty();

        Files.writeString(f, "x=NaN\ny=1\nwidth=2\nheight=3\n");
        assertThat(WindowState.read(f)).isEmpty();
    }
}
