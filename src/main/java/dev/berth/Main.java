package dev.berth;

import dev.berth.cli.BerthCommand;
import dev.berth.gui.BerthApp;
import java.util.Arrays;

/**
 * Entry point. No arguments (or {@code gui [FILE]}) starts the desktop app, anything else the
 * command line. Deliberately not a JavaFX {@code Application}: with JavaFX on the class path the
 * launcher class must be plain.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("gui")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            BerthApp.launchApp(rest);
            return;
        }
        System.exit(BerthCommand.execute(new Wiring(), args));
    }
}
