package dev.berth.docker.remote;

import java.io.Console;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the user for a key's passphrase or a password, each time one is needed. Berth never stores
 * them: the GUI shows a dialog (or reads the OS keychain), the CLI asks on the terminal ({@link
 * #terminal()}) or refuses ({@link #refuse()}). Called on an SSH I/O thread while a connection waits;
 * an implementation may block until the user answers. The caller clears the returned array after
 * use.
 */
public interface SecretPrompt {

    /**
     * The passphrase of the private key {@code keyFile}.
     *
     * @param attempt 1 for the first question, 2 and 3 after a wrong passphrase
     * @return empty when the user declines: the key is skipped
     */
    Optional<char[]> passphrase(Path keyFile, int attempt);

    /**
     * The password of {@code host}'s user.
     *
     * @param attempt 1 for the first question, then 2 and 3 after a rejected password
     * @return empty when the user declines: password login is not tried (further)
     */
    Optional<char[]> password(RemoteHost host, int attempt);

    /** Asks nothing: keys with a passphrase are skipped, passwords never tried. */
    static SecretPrompt refuse() {
        return new SecretPrompt() {
            @Override
            public Optional<char[]> passphrase(Path keyFile, int attempt) {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> password(RemoteHost host, int attempt) {
                return Optional.empty();
            }
        };
    }

    /** Asks on the terminal without echo; refuses when there is none (a pipe, a service). */
    static SecretPrompt terminal() {
        return new SecretPrompt() {
            @Override
            public Optional<char[]> passphrase(Path keyFile, int attempt) {
                return ask((attempt > 1 ? "Wrong passphrase. " : "") + "Enter passphrase for key " + keyFile + ": ");
            }

            @Override
            public Optional<char[]> password(RemoteHost host, int attempt) {
                return ask((attempt > 1 ? "Permission denied, please try again. " : "") + host.user() + "@"
                        + host.host() + "'s password: ");
            }

            private Optional<char[]> ask(String prompt) {
                Console c = System.console();
                if (c == null) {
                    return Optional.empty();
                }
                char[] answer = c.readPassword("%s", prompt);
                return answer == null || answer.length == 0 ? Optional.empty() : Optional.of(answer);
            }
        };
    }
}
