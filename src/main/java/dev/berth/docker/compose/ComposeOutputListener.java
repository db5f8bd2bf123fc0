package dev.berth.docker.compose;

/**
 * Receives compose's output line by line, for the user's log. Called from the two pump threads,
 * never at the same time. Compose prints progress on stderr and tables or ids on stdout. Lines
 * may contain values from the env file: mask secrets before showing them.
 */
@FunctionalInterface
public interface ComposeOutputListener {
    /** Which stream a line came from. */
    enum Channel {
        STDOUT,
        STDERR
    }

    void line(Channel channel, String line);

    static ComposeOutputListener none() {
        return (channel, line) -> {};
    }
}
