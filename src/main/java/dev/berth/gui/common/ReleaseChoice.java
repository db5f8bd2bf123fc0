package dev.berth.gui.common;

import dev.berth.engine.Text;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.release.apps.InstallFacts;
import dev.berth.release.apps.KnownApps;
import dev.berth.release.apps.Match;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The release page of the install and upgrade wizards: where the release comes from (the demo
 * app, a folder, an archive or a git tag), loading it off the FX thread, and what it is (app,
 * version, a known app recognised, release notes, its env template). Keeps the loader open while
 * the release is in use (archives stay extracted) and closes it when another release is loaded or
 * {@link #close()} is called. FX-thread only.
 */
public final class ReleaseChoice implements AutoCloseable {
    /** Longest release notes shown; the rest is in the release. */
    static final int MAX_NOTES = 20_000;

    /** Where the release comes from. */
    public enum Kind {
        DEMO,
        FOLDER,
        ARCHIVE,
        GIT
    }

    /** Where loading is. */
    public enum LoadState {
        NONE,
        LOADING,
        LOADED,
        FAILED
    }

    /**
     * A loaded release and what the pages show of it.
     *
     * @param recognised a known app the release's files match
     * @param notes the release notes, when the release ships them (possibly cut short)
     */
    public record Loaded(Release release, EnvTemplate template, Optional<Match> recognised, String notes) {
        /** The app's name: the manifest's, else the release folder's. */
        public String app() {
            return release.manifestOrEmpty()
                    .app()
                    .or(() -> recognised.map(r -> r.profile().id()))
                    .orElse(release.source().name());
        }
    }

    private final EngineAccess access;
    private final FxBridge bridge;
    private final Optional<Path> demo;
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.FOLDER);
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ReadOnlyObjectWrapper<LoadState> state = new ReadOnlyObjectWrapper<>(this, "state", LoadState.NONE);
    private final ReadOnlyObjectWrapper<Text> error = new ReadOnlyObjectWrapper<>(this, "error", Text.plain(""));
    private final ReadOnlyObjectWrapper<Optional<Loaded>> loaded =
            new ReadOnlyObjectWrapper<>(this, "loaded", Optional.empty());
    private final BooleanBinding valid;
    private ReleaseLoader loader;
    private long generation;
    private boolean settingDemo;

    /**
     * @param demo the release the DEMO kind stands for; empty when there is no demo to offer
     */
    public ReleaseChoice(EngineAccess access, FxBridge bridge, Optional<Path> demo) {
        this.access = access;
        this.bridge = bridge;
        this.demo = demo;
        valid = Bindings.createBooleanBinding(() -> state.get() == LoadState.LOADED, state);
        kind.addListener((o, was, now) -> {
            if (now == Kind.DEMO) {
                demo.ifPresent(d -> {
                    settingDemo = true;
                    source.set(d.toString());
                    settingDemo = false;
                    load();
                });
            } else if (was == Kind.DEMO) {
                source.set("");
            }
        });
        // What was loaded no longer matches an edited source.
        source.addListener((o, was, now) -> {
            if (!settingDemo) {
                generation++;
                state.set(LoadState.NONE);
                loaded.set(Optional.empty());
                error.set(Text.plain(""));
            }
        });
    }

    public Optional<Path> demo() {
        return demo;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** A folder, an archive, or {@code REPO#TAG}. */
    public StringProperty sourceProperty() {
        return source;
    }

    public ReadOnlyObjectProperty<LoadState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why loading failed; empty otherwise. */
    public ReadOnlyObjectProperty<Text> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Loaded>> loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** True once the source's release is loaded. */
    public BooleanBinding valid() {
        return valid;
    }

    /** Selects the demo app and loads it. */
    public void chooseDemo() {
        if (demo.isPresent()) {
            if (kind.get() == Kind.DEMO) {
                load();
            } else {
                kind.set(Kind.DEMO);
            }
        }
    }

    /** Selects a source and loads it (a preselected release). */
    public void choose(Kind k, String text) {
        kind.set(k);
        source.set(text);
        load();
    }

    /** Loads the source's release on a worker thread; a load still running is superseded. */
    public void load() {
        String text = source.get().strip();
        if (text.isEmpty()) {
            return;
        }
        long mine = ++generation;
        state.set(LoadState.LOADING);
        error.set(Text.plain(""));
        loaded.set(Optional.empty());
        bridge.run(
                () -> {
                    ReleaseLoader l = access.releaseLoader();
                    try {
                        Release r = l.load(ReleaseSource.parse(text));
                        return new Fresh(l, describe(r));
                    } catch (RuntimeException e) {
                        l.close();
                        throw e;
                    }
                },
                fresh -> {
                    if (mine != generation) {
                        bridge.run(() -> close(fresh.loader()), x -> {}, x -> {});
                        return;
                    }
                    ReleaseLoader old = loader;
                    loader = fresh.loader();
                    if (old != null) {
                        bridge.run(() -> close(old), x -> {}, x -> {});
                    }
                    loaded.set(Optional.of(fresh.loaded()));
                    state.set(LoadState.LOADED);
                },
                e -> {
                    if (mine == generation) {
                        error.set(Planning.message(e));
                        state.set(LoadState.FAILED);
                    }
                });
    }

    private record Fresh(ReleaseLoader loader, Loaded loaded) {}

    private static Void close(ReleaseLoader l) {
        l.close();
        return null;
    }

    /** What the release page shows of a release; blocking. */
    static Loaded describe(Release r) throws IOException {
        EnvTemplate template = EnvTemplate.of(r.root(), r.manifestOrEmpty());
        Optional<Match> match = KnownApps.builtIn().match(InstallFacts.ofFolder(r.root(), Optional.empty()));
        String notes = "";
        // The manifest's notes file, else the usual names at the release's top.
        Optional<String> file = r.manifestOrEmpty()
                .releaseNotes()
                .or(() -> java.util.stream.Stream.of("RELEASE-NOTES.md", "RELEASE_NOTES.md")
                        .filter(n -> Files.isRegularFile(r.root().resolve(n)))
                        .findFirst());
        if (file.isPresent() && Files.isRegularFile(r.root().resolve(file.get()))) {
            notes = Files.readString(r.root().resolve(file.get()), StandardCharsets.UTF_8);
            if (notes.length() > MAX_NOTES) {
                notes = notes.substring(0, MAX_NOTES) + "\n…";
            }
        }
        return new Loaded(r, template, match, notes.strip());
    }

    /** The loader of the current release, for planners that load the releases between. */
    public Optional<ReleaseLoader> loader() {
        return Optional.ofNullable(loader);
    }

    /** Closes the loader (extracted archives are deleted); call when the wizard ends. */
    @Override
    public void close() {
        generation++;
        if (loader != null) {
            ReleaseLoader l = loader;
            loader = null;
            bridge.run(() -> close(l), x -> {}, x -> {});
        }
    }
}
