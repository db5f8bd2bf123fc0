package dev.berth;

import dev.berth.cli.BerthCommand;
import dev.berth.gui.BerthApp;
import java.util.Arrays;
import java.util.Locale;

/**
 * Entry point. No arguments (or {@code gui [FILE]}) starts the desktop app, anything else the
 * command line. Deliberately not a JavaFX {@code Application}: with JavaFX on the class path the
 * launcher class must be plain.
 */
public final class Main {
    private Main() {}

    /** Which front end a command line starts. */
    enum FrontEnd {
        GUI,
        CLI
    }

    public static void main(String[] args) {
        switch (frontEnd(args)) {
            case GUI -> BerthApp.launchApp(args.length > 0 && args[0].equals("gui") ? rest(args) : args);
            case CLI -> System.exit(BerthCommand.execute(args));
        }
    }

    /**
     * The GUI for no arguments, {@code gui [FILE]}, and a lone {@code *.berth} backup: that is how
     * the packaged app is started when a backup is opened from the file manager (Windows and macOS
     * pass just the path; the Linux menu entry says {@code gui %f}).
     */
    static FrontEnd frontEnd(String[] args) {
        if (args.length == 0 || args[0].equals("gui")) {
            return FrontEnd.GUI;
        }
        if (args.length == 1 && args[0].toLowerCase(Locale.ROOT).endsWith(".berth") && !args[0].startsWith("-")) {
            return FrontEnd.GUI;
        }
        return FrontEnd.CLI;
    }

    private static String[] rest(String[] args) {
        return Arrays.copyOfRange(args, 1, args.length);
    }
}
