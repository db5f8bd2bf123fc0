package dev.berth;

import dev.berth.cli.BerthCommand;
import dev.berth.gui.BerthApp;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
            case GUI -> {
                Optional<String> noDisplay = noDisplay(System.getProperty("os.name", ""), System.getenv());
                if (noDisplay.isPresent()) {
                    System.err.println(noDisplay.get());
                    System.exit(2);
                }
                BerthApp.launchApp(
                        GuiWiring.services(dev.berth.config.AppDirs.system()),
                        args.length > 0 && args[0].equals("gui") ? rest(args) : args);
            }
            case CLI -> System.exit(BerthCommand.execute(new Wiring(), args));
        }
    }

    /**
     * Why the desktop app cannot open here, if it cannot: on Linux without DISPLAY and
     * WAYLAND_DISPLAY (a server, an ssh session), where the installed {@code berth} would
     * otherwise die with JavaFX's "Unable to open DISPLAY" stack trace.
     */
    static Optional<String> noDisplay(String osName, Map<String, String> env) {
        boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux
                || !env.getOrDefault("DISPLAY", "").isEmpty()
                || !env.getOrDefault("WAYLAND_DISPLAY", "").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("berth: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the desktop app"
                + " cannot open; nothing was changed.\n"
                + "  On a server use the command line: berth --help   (every screen has a CLI twin).");
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
