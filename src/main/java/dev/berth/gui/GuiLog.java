package dev.berth.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The desktop app's log file ({@code berth-gui.N.log} in the logs folder, three files of 1 MB kept). */
public final class GuiLog {
    private GuiLog() {}

    /**
     * Sends the app's log to files in {@code logs}. When that fails the app still runs: the problem
     * is said on stderr and nothing else changes.
     *
     * @return the handler added to the root logger (tests close and remove it), empty when it failed
     */
    public static Optional<FileHandler> toFile(Path logs) {
        try {
            Files.createDirectories(logs);
            FileHandler h = new FileHandler(logs.resolve("berth-gui.%g.log").toString(), 1_000_000, 3, true);
            h.setFormatter(new SimpleFormatter());
            h.setLevel(Level.INFO);
            Logger.getLogger("").addHandler(h);
            Logger.getLogger("dev.berth").setLevel(Level.INFO);
            return Optional.of(h);
        } catch (IOException | RuntimeException e) {
            System.err.println("berth: cannot write the log in " + logs + " (" + e
                    + "); the app runs, but problems are only reported here");
            return Optional.empty();
        }
    }
}
