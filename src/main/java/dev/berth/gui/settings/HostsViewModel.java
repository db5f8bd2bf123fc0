package dev.berth.gui.settings;

import dev.berth.config.Settings;
import dev.berth.config.Settings.Problem;
import dev.berth.config.Settings.SshServer;
import dev.berth.gui.AppSettings;
import dev.berth.gui.common.FxBridge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings → Servers: the SSH servers Berth manages besides this computer. Adding, changing and
 * removing one saves the settings at once (the rest of the Settings page keeps its own Save).
 * "Test connection" runs off the FX thread through the {@link HostProbe}; an unknown host key is
 * shown with its fingerprint until the user accepts it. Validation is {@link
 * Settings#checkHost}, the same as {@code --host}'s. FX-thread only.
 */
public final class HostsViewModel {

    /** How the server is logged in to. */
    public enum Auth {
        /** {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa} and the SSH agent. */
        DEFAULT_KEYS_AND_AGENT,
        /** One private key file. */
        KEY_FILE
    }

    /** Where "Test connection" is. */
    public enum TestState {
        IDLE,
        TESTING,
        CONNECTED,
        /** The fingerprint is shown with Accept. */
        UNKNOWN_KEY,
        /** Refused with a warning. */
        CHANGED_KEY,
        FAILED
    }

    private final AppSettings app;
    private final FxBridge bridge;
    private final HostProbe probe;
    private final ObservableList<SshServer> servers = FXCollections.observableArrayList();
    private final ObjectProperty<SshServer> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty address = new SimpleStringProperty(this, "address", "");
    private final ObjectProperty<Auth> auth = new SimpleObjectProperty<>(this, "auth", Auth.DEFAULT_KEYS_AND_AGENT);
    private final StringProperty identityFile = new SimpleStringProperty(this, "identityFile", "");
    private final StringProperty jump = new SimpleStringProperty(this, "jump", "");
    private final ReadOnlyObjectWrapper<TestState> testState =
            new ReadOnlyObjectWrapper<>(this, "testState", TestState.IDLE);
    private final ReadOnlyObjectWrapper<Optional<HostProbe.Result>> testResult =
            new ReadOnlyObjectWrapper<>(this, "testResult", Optional.empty());
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError", "");
    private final ObjectBinding<List<Problem>> problems;
    private final BooleanBinding canAdd;
    private final BooleanBinding canUpdate;
    private long testGeneration;

    public HostsViewModel(AppSettings app, FxBridge bridge, HostProbe probe) {
        this.app = app;
        this.bridge = bridge;
        this.probe = probe;
        servers.setAll(app.get().hosts());
        app.settingsProperty().addListener((o, was, now) -> {
            SshServer keep = selected.get();
            servers.setAll(now.hosts());
            selected.set(keep != null && servers.contains(keep) ? keep : null);
        });
        problems = Bindings.createObjectBinding(
                this::computeProblems, address, auth, identityFile, jump, selected, servers);
        canAdd = Bindings.createBooleanBinding(
                () -> problems.get().isEmpty()
                        && !address.get().isBlank()
                        && servers.stream()
                                .noneMatch(h -> h.key().equals(candidate().key())),
                problems,
                address,
                servers);
        canUpdate = Bindings.createBooleanBinding(
                () -> problems.get().isEmpty()
                        && !address.get().isBlank()
                        && selected.get() != null
                        && !candidate().equals(selected.get()),
                problems,
                selected,
                address,
                auth,
                identityFile,
                jump);
        selected.addListener((o, was, now) -> {
            if (now != null) {
                fill(now);
            }
        });
        // A changed address, key or jump host makes the last test's answer stale.
        address.addListener(o -> clearTest());
        auth.addListener(o -> clearTest());
        identityFile.addListener(o -> clearTest());
        jump.addListener(o -> clearTest());
    }

    /** The servers as saved, in the order added. */
    public ObservableList<SshServer> servers() {
        return servers;
    }

    /** The server chosen in the list; choosing one fills the form with it. Null for a new one. */
    public ObjectProperty<SshServer> selectedProperty() {
        return selected;
    }

    /** {@code user@host[:port]} as typed. */
    public StringProperty addressProperty() {
        return address;
    }

    public ObjectProperty<Auth> authProperty() {
        return auth;
    }

    /** The private key file as typed; used with {@link Auth#KEY_FILE}. */
    public StringProperty identityFileProperty() {
        return identityFile;
    }

    /** {@code user@host[:port]} of the jump host as typed; empty to connect directly. */
    public StringProperty jumpProperty() {
        return jump;
    }

    /** What is wrong with the form, as {@link Settings#checkHosts} says; empty when it can be saved. */
    public ObjectBinding<List<Problem>> problems() {
        return problems;
    }

    /** Whether the form can be added as a new server. */
    public BooleanBinding canAdd() {
        return canAdd;
    }

    /** Whether the chosen server can be replaced by the form. */
    public BooleanBinding canUpdate() {
        return canUpdate;
    }

    public ReadOnlyObjectProperty<TestState> testStateProperty() {
        return testState.getReadOnlyProperty();
    }

    /** The last test's answer; empty before a test and after the form changed. */
    public ReadOnlyObjectProperty<Optional<HostProbe.Result>> testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    /** Why the last save failed; empty after a successful one. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    /** The server the form describes. */
    public SshServer candidate() {
        return new SshServer(address.get(), auth.get() == Auth.KEY_FILE ? identityFile.get() : "", jump.get());
    }

    /** Empties the form for a new server. */
    public void newServer() {
        selected.set(null);
        address.set("");
        auth.set(Auth.DEFAULT_KEYS_AND_AGENT);
        identityFile.set("");
        jump.set("");
    }

    /** Adds the form as a new server and saves the settings. */
    public void add() {
        if (!canAdd.get()) {
            return;
        }
        SshServer s = candidate();
        save(
                now -> {
                    List<SshServer> next = new ArrayList<>(now.hosts());
                    next.add(s);
                    return next;
                },
                s);
    }

    /** Replaces the chosen server with the form and saves the settings. */
    public void update() {
        SshServer old = selected.get();
        if (!canUpdate.get() || old == null) {
            return;
        }
        SshServer s = candidate();
        save(now -> now.hosts().stream().map(h -> h.equals(old) ? s : h).toList(), s);
    }

    /** Removes the chosen server and saves the settings; its host key stays in known_hosts. */
    public void remove() {
        SshServer old = selected.get();
        if (old == null) {
            return;
        }
        save(now -> now.hosts().stream().filter(h -> !h.equals(old)).toList(), null);
        newServer();
    }

    private void save(java.util.function.Function<Settings, List<SshServer>> change, SshServer select) {
        app.update(
                now -> now.withHosts(change.apply(now)),
                aside -> {
                    saveError.set("");
                    if (select != null) {
                        selected.set(select);
                    }
                },
                e -> saveError.set(String.valueOf(e.getMessage())));
    }

    /** Tests the server in the form (saved or not). */
    public void test() {
        run(Optional.empty());
    }

    /**
     * Trusts the key the last test showed (the user compared its fingerprint): it is added to
     * known_hosts when the server presents exactly that key, and the test runs again.
     */
    public void acceptKey() {
        if (testResult.get().orElse(null) instanceof HostProbe.Result.UnknownKey u) {
            run(Optional.of(u.fingerprint()));
        }
    }

    private void run(Optional<String> accept) {
        if (!Settings.checkHost(candidate()).isEmpty() || address.get().isBlank()) {
            return;
        }
        long mine = ++testGeneration;
        SshServer s = candidate();
        testResult.set(Optional.empty());
        testState.set(TestState.TESTING);
        bridge.run(
                () -> probe.test(s, accept),
                r -> {
                    if (mine == testGeneration) {
                        show(r);
                    }
                },
                e -> {
                    if (mine == testGeneration) {
                        show(new HostProbe.Result.Failed(
                                HostProbe.Failure.OTHER, e.getMessage() == null ? e.toString() : e.getMessage()));
                    }
                });
    }

    private void show(HostProbe.Result r) {
        testResult.set(Optional.of(r));
        testState.set(
                switch (r) {
                    case HostProbe.Result.Connected c -> TestState.CONNECTED;
                    case HostProbe.Result.UnknownKey u -> TestState.UNKNOWN_KEY;
                    case HostProbe.Result.ChangedKey c -> TestState.CHANGED_KEY;
                    case HostProbe.Result.Failed f -> TestState.FAILED;
                });
    }

    private void clearTest() {
        if (testState.get() != TestState.IDLE) {
            testGeneration++;
            testResult.set(Optional.empty());
            testState.set(TestState.IDLE);
        }
    }

    private void fill(SshServer s) {
        address.set(s.address());
        auth.set(s.identityFile().isEmpty() ? Auth.DEFAULT_KEYS_AND_AGENT : Auth.KEY_FILE);
        identityFile.set(s.identityFile());
        jump.set(s.jump());
    }

    private List<Problem> computeProblems() {
        if (address.get().isBlank()) {
            return List.of();
        }
        SshServer c = candidate();
        List<Problem> out = new ArrayList<>(Settings.checkHost(c));
        if (auth.get() == Auth.KEY_FILE && identityFile.get().isBlank()) {
            out.add(new Problem(Settings.Field.HOSTS, Settings.Kind.HOST_KEY_FILE_NOT_ABSOLUTE, ""));
        }
        SshServer old = selected.get();
        if (servers.stream().anyMatch(h -> !h.equals(old) && h.key().equals(c.key()))) {
            out.add(new Problem(Settings.Field.HOSTS, Settings.Kind.HOST_DUPLICATE, c.key()));
        }
        return List.copyOf(out);
    }
}
