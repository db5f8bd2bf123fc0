package dev.berth.gui.common;

import dev.berth.config.diff.SecretMasker;
import dev.berth.engine.ContainerRuntime;
import dev.berth.engine.Engine;
import dev.berth.engine.Install;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The last lines of an install's container logs, one service at a time, read through the engine
 * off the FX thread. Lines pass the secret masker ({@code PASSWORD=...}, URL passwords) before
 * they are shown. FX-thread only.
 */
public final class AppLogsViewModel {
    /** Lines asked for per service. */
    static final int TAIL = 500;

    /** Where loading is. */
    public enum Load {
        BUSY,
        READY,
        FAILED
    }

    private final EngineAccess access;
    private final FxBridge bridge;
    private final Path installDir;
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final StringProperty service = new SimpleStringProperty(this, "service", "");
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Load> state = new ReadOnlyObjectWrapper<>(this, "state", Load.BUSY);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final SecretMasker masker = SecretMasker.withDefaultNames();
    private ContainerRuntime.Project project;
    private Engine engine;
    private long generation;

    public AppLogsViewModel(EngineAccess access, FxBridge bridge, Path installDir) {
        this.access = access;
        this.bridge = bridge;
        this.installDir = installDir;
        service.addListener((o, was, now) -> {
            if (now != null && !now.isEmpty() && project != null) {
                refresh();
            }
        });
    }

    /** Finds the install's services and shows the first one's log. */
    public void load() {
        state.set(Load.BUSY);
        bridge.run(
                () -> {
                    Engine e = access.engine();
                    Install i = e.inspect(installDir);
                    return new Found(
                            e,
                            i.project(),
                            List.copyOf(i.compose().model().services().keySet()));
                },
                f -> {
                    engine = f.engine();
                    project = f.project();
                    services.setAll(f.services());
                    if (!f.services().isEmpty()) {
                        if (f.services().contains(service.get())) {
                            refresh();
                        } else {
                            service.set(f.services().getFirst());
                        }
                    } else {
                        state.set(Load.READY);
                    }
                },
                this::failed);
    }

    private record Found(Engine engine, ContainerRuntime.Project project, List<String> services) {}

    /** Reads the chosen service's log again. */
    public void refresh() {
        if (project == null || service.get().isEmpty()) {
            load();
            return;
        }
        long mine = ++generation;
        state.set(Load.BUSY);
        String s = service.get();
        Engine e = engine;
        ContainerRuntime.Project p = project;
        bridge.run(
                () -> masker.maskLines(e.runtime().logs(p, s, TAIL)),
                l -> {
                    if (mine == generation) {
                        lines.setAll(l);
                        error.set("");
                        state.set(Load.READY);
                    }
                },
                ex -> {
                    if (mine == generation) {
                        failed(ex);
                    }
                });
    }

    private void failed(Exception e) {
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
        state.set(Load.FAILED);
    }

    public Path installDir() {
        return installDir;
    }

    public ObservableList<String> services() {
        return services;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public ReadOnlyObjectProperty<Load> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
