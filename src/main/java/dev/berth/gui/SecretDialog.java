package dev.berth.gui;

import dev.berth.docker.remote.RemoteHost;
import dev.berth.docker.remote.SecretPrompt;
import dev.berth.gui.common.Messages;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/**
 * Asks for an SSH key's passphrase or a server password in a dialog, each time a connection needs
 * one; nothing is stored (the OS keychain is not used yet). Called on an SSH I/O thread, which waits
 * while the dialog is open; never on the FX thread (it then declines, so a key is skipped instead
 * of the window freezing).
 */
public final class SecretDialog {
    private SecretDialog() {}

    /** The desktop app's prompt. */
    public static SecretPrompt prompt() {
        return new SecretPrompt() {
            @Override
            public Optional<char[]> passphrase(Path keyFile, int attempt) {
                return ask(m -> m.get(attempt > 1 ? "secret.passphrase.again" : "secret.passphrase", keyFile));
            }

            @Override
            public Optional<char[]> password(RemoteHost host, int attempt) {
                return ask(m -> m.get(attempt > 1 ? "secret.password.again" : "secret.password", host.address()));
            }
        };
    }

    private static Optional<char[]> ask(java.util.function.Function<Messages, String> text) {
        if (Platform.isFxApplicationThread()) {
            return Optional.empty();
        }
        CompletableFuture<Optional<char[]>> answer = new CompletableFuture<>();
        try {
            Platform.runLater(() -> {
                try {
                    Messages m = Messages.forLocale(Locale.getDefault());
                    Dialog<ButtonType> d = new Dialog<>();
                    d.setTitle(m.get("secret.title"));
                    PasswordField field = new PasswordField();
                    field.setId("secret-field");
                    Label label = new Label(text.apply(m));
                    label.setWrapText(true);
                    label.setLabelFor(field);
                    field.setAccessibleText(label.getText());
                    d.getDialogPane().setContent(new VBox(8, label, field));
                    d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
                    Platform.runLater(field::requestFocus);
                    Optional<ButtonType> b = d.showAndWait();
                    String typed = field.getText();
                    field.clear();
                    answer.complete(
                            b.filter(ButtonType.OK::equals).isPresent() && !typed.isEmpty()
                                    ? Optional.of(typed.toCharArray())
                                    : Optional.empty());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer.get();
        } catch (IllegalStateException e) {
            return Optional.empty(); // no FX toolkit (command line): nothing to ask with
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "The passphrase dialog failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
