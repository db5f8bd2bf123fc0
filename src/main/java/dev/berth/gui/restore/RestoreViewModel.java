package dev.berth.gui.restore;

import dev.berth.backup.BackupListing;
import dev.berth.engine.Engine;
import dev.berth.engine.Failures;
import dev.berth.engine.Text;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Planning;
import dev.berth.gui.common.RunController;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.WizardModel;
import dev.berth.gui.common.WizardStep;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Restoring a backup: the backups (date, app, version, size, verified) and the details of the one
 * chosen → the target (where it was made, or a new folder) → review (what the restore overwrites,
 * the plan's checks and steps) → run → result. Listing, details and the plan come from {@link
 * BackupAccess}; the run from the engine. FX-thread only; testable without a display.
 */
public final class RestoreViewModel {

    /** Where something that runs off the FX thread is. */
    public enum Load {
        IDLE,
        BUSY,
        READY,
        FAILED,
        /** The backup side is not part of this build. */
        UNAVAILABLE
    }

    /** Where the backup goes. */
    public enum TargetKind {
        /** Over the install it was made of. */
        SAME,
        /** Into a new, empty folder: a copy next to the original. */
        NEW
    }

    private final BackupAccess backups;
    private final EngineAccess access;
    private final FxBridge bridge;
    private final Runnable onClose;
    private final String host;
    private final ObservableList<BackupListing> list = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Load> listState = new ReadOnlyObjectWrapper<>(this, "listState", Load.IDLE);
    private final ReadOnlyObjectWrapper<Text> listError =
            new ReadOnlyObjectWrapper<>(this, "listError", Text.plain(""));
    private final ObjectProperty<BackupListing> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<Load> detailsState =
            new ReadOnlyObjectWrapper<>(this, "detailsState", Load.IDLE);
    private final ReadOnlyObjectWrapper<Optional<BackupAccess.Details>> details =
            new ReadOnlyObjectWrapper<>(this, "details", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> detailsError =
            new ReadOnlyObjectWrapper<>(this, "detailsError", Text.plain(""));
    private final ObjectProperty<TargetKind> targetKind =
            new SimpleObjectProperty<>(this, "targetKind", TargetKind.SAME);
    private final StringProperty newFolder = new SimpleStringProperty(this, "newFolder", "");
    private final ReadOnlyObjectWrapper<Load> planState = new ReadOnlyObjectWrapper<>(this, "planState", Load.IDLE);
    private final ReadOnlyObjectWrapper<Optional<BackupAccess.RestorePlan>> plan =
            new ReadOnlyObjectWrapper<>(this, "plan", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> planError =
            new ReadOnlyObjectWrapper<>(this, "planError", Text.plain(""));
    private final WizardModel<WizardStep> wizard;
    private final WizardStep backupStep;
    private final WizardStep targetStep;
    private final WizardStep reviewStep;
    private final RunController runs;
    private Engine engine;
    private long detailsGeneration;
    private final Planning planning;
    private Optional<Path> wanted = Optional.empty();

    /** A restore on this computer; {@code onClose} is called when the user leaves (FX thread). */
    public RestoreViewModel(
            BackupAccess backups, EngineAccess access, FxBridge bridge, RunTracker tracker, Runnable onClose) {
        this("", backups, access, bridge, tracker, onClose);
    }

    /**
     * A restore on {@code host} ({@code user@host:port} of a server; empty for this computer):
     * {@code backups} lists that machine's backups and plans there, {@code access} is its engine.
     * Target folders are typed as that machine's absolute paths.
     *
     * @param onClose called when the user leaves (FX thread)
     */
    public RestoreViewModel(
            String host,
            BackupAccess backups,
            EngineAccess access,
            FxBridge bridge,
            RunTracker tracker,
            Runnable onClose) {
        this.host = java.util.Objects.requireNonNull(host, "host");
        this.backups = backups;
        this.access = access;
        this.bridge = bridge;
        this.planning = new Planning(bridge);
        this.onClose = onClose;
        // A restore that could not roll back is offered by the resume banner on Home, not here.
        this.runs = new RunController(bridge, tracker, Optional::empty);
        BooleanBinding backupValid = Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().problem() == null && detailsState.get() == Load.READY,
                selected,
                detailsState);
        BooleanBinding targetValid =
                Bindings.createBooleanBinding(() -> target().isPresent(), targetKind, newFolder, selected);
        BooleanBinding reviewValid = Bindings.createBooleanBinding(
                () -> planState.get() == Load.READY
                        && plan.get().map(p -> !p.result().plan().refused()).orElse(false),
                planState,
                plan);
        backupStep = new WizardStep("restore.step.backup", backupValid);
        targetStep = new WizardStep("restore.step.target", targetValid);
        reviewStep = new WizardStep("restore.step.review", reviewValid, "restore.action");
        wizard = new WizardModel<>(List.of(backupStep, targetStep, reviewStep));
        selected.addListener((o, was, now) -> {
            loadDetails();
            invalidatePlan();
        });
        targetKind.addListener(o -> invalidatePlan());
        newFolder.addListener(o -> invalidatePlan());
        wizard.currentProperty().addListener((o, was, now) -> {
            if (now == reviewStep && planState.get() != Load.READY) {
                plan();
            }
        });
        wizard.outcomeProperty().addListener((o, was, now) -> {
            switch (now) {
                case FINISHED -> restore();
                case CANCELLED -> leave();
                case OPEN -> {}
            }
        });
    }

    /** Lists the backups, off the FX thread; keeps the chosen one when it is still there. */
    public void reload() {
        listState.set(Load.BUSY);
        bridge.run(
                backups::list,
                found -> {
                    Path keep = selected.get() == null
                            ? wanted.orElse(null)
                            : selected.get().file();
                    List<BackupListing> sorted = found.stream()
                            .sorted(Comparator.comparing(
                                    BackupListing::created, Comparator.nullsLast(Comparator.reverseOrder())))
                            .toList();
                    list.setAll(sorted);
                    listState.set(Load.READY);
                    if (keep != null) {
                        sorted.stream()
                                .filter(b -> b.file().equals(keep))
                                .findFirst()
                                .ifPresent(selected::set);
                    }
                },
                e -> {
                    list.clear();
                    listError.set(Failures.text(e));
                    listState.set(e instanceof BackupAccess.NotAvailableException ? Load.UNAVAILABLE : Load.FAILED);
                });
    }

    /**
     * Chooses a backup file given from outside ({@code berth gui FILE}, or the backup an upgrade
     * took): selected when listed, else read on its own and added to the list.
     *
     * @param install the install to restore over, when known
     */
    public void open(Path archive, Optional<Path> install) {
        wanted = Optional.of(archive);
        install.ifPresent(i -> targetKind.set(TargetKind.SAME));
        Optional<BackupListing> listed =
                list.stream().filter(b -> b.file().equals(archive)).findFirst();
        if (listed.isPresent()) {
            selected.set(listed.get());
            return;
        }
        bridge.run(
                () -> backups.details(archive),
                d -> {
                    if (list.stream().noneMatch(b -> b.file().equals(archive))) {
                        list.add(0, d.backup());
                    }
                    selected.set(list.stream()
                            .filter(b -> b.file().equals(archive))
                            .findFirst()
                            .orElse(d.backup()));
                },
                e -> {
                    detailsError.set(Failures.text(e));
                    detailsState.set(e instanceof BackupAccess.NotAvailableException ? Load.UNAVAILABLE : Load.FAILED);
                });
    }

    private void loadDetails() {
        BackupListing b = selected.get();
        long mine = ++detailsGeneration;
        details.set(Optional.empty());
        detailsError.set(Text.plain(""));
        if (b == null) {
            detailsState.set(Load.IDLE);
            return;
        }
        detailsState.set(Load.BUSY);
        bridge.run(
                () -> backups.details(b.file()),
                d -> {
                    if (mine == detailsGeneration) {
                        details.set(Optional.of(d));
                        detailsState.set(Load.READY);
                    }
                },
                e -> {
                    if (mine == detailsGeneration) {
                        detailsError.set(Failures.text(e));
                        detailsState.set(
                                e instanceof BackupAccess.NotAvailableException ? Load.UNAVAILABLE : Load.FAILED);
                    }
                });
    }

    /** Where the restore goes, when the choice is complete. */
    public Optional<Path> target() {
        BackupListing b = selected.get();
        if (b == null) {
            return Optional.empty();
        }
        try {
            return switch (targetKind.get()) {
                case SAME ->
                    b.install() == null || b.install().isBlank() ? Optional.empty() : Optional.of(Path.of(b.install()));
                case NEW -> {
                    String t = newFolder.get().strip();
                    // A server's paths are POSIX whatever this computer is; its BackupAccess maps them.
                    boolean absolute = host.isEmpty() ? Path.of(t).isAbsolute() : t.startsWith("/");
                    yield t.isEmpty() || !absolute ? Optional.empty() : Optional.of(Path.of(t));
                }
            };
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private void invalidatePlan() {
        planning.invalidate();
        if (planState.get() != Load.IDLE) {
            planState.set(Load.IDLE);
            plan.set(Optional.empty());
        }
        if (wizard != null && wizard.currentProperty().get() == reviewStep) {
            plan();
        }
    }

    /** Plans the restore of the chosen backup to the chosen target, off the FX thread. */
    public void plan() {
        BackupListing b = selected.get();
        Optional<Path> t = target();
        if (b == null || t.isEmpty()) {
            return;
        }
        planState.set(Load.BUSY);
        planError.set(Text.plain(""));
        Path archive = b.file();
        Path target = t.get();
        planning.request(
                () -> new Planned(access.engine(), backups.planRestore(archive, target)),
                p -> {
                    engine = p.engine();
                    plan.set(Optional.of(p.plan()));
                    planState.set(Load.READY);
                },
                e -> {
                    planError.set(Planning.message(e));
                    planState.set(e instanceof BackupAccess.NotAvailableException ? Load.UNAVAILABLE : Load.FAILED);
                });
    }

    private record Planned(Engine engine, BackupAccess.RestorePlan plan) {}

    private void restore() {
        Optional<BackupAccess.RestorePlan> p = plan.get();
        if (p.isEmpty() || engine == null) {
            wizard.reopen();
            return;
        }
        if (!runs.start(engine, p.get().result().plan())) {
            wizard.reopen();
        }
    }

    /** Back to the review page after a restore that failed, which plans again. */
    public void backToReview() {
        if (runs.back()) {
            wizard.reopen();
            plan();
        }
    }

    public void close() {
        leave();
    }

    private void leave() {
        if (runs.busy()) {
            return;
        }
        onClose.run();
    }

    /** The machine restored to: {@code user@host:port} of a server, empty for this computer. */
    public String host() {
        return host;
    }

    public WizardModel<WizardStep> wizard() {
        return wizard;
    }

    public WizardStep backupStep() {
        return backupStep;
    }

    public WizardStep targetStep() {
        return targetStep;
    }

    public WizardStep reviewStep() {
        return reviewStep;
    }

    public ObservableList<BackupListing> backups() {
        return list;
    }

    public ReadOnlyObjectProperty<Load> listStateProperty() {
        return listState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Text> listErrorProperty() {
        return listError.getReadOnlyProperty();
    }

    public ObjectProperty<BackupListing> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Load> detailsStateProperty() {
        return detailsState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<BackupAccess.Details>> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Why the details of the chosen backup could not be read, for the view to render. */
    public ReadOnlyObjectProperty<Text> detailsErrorProperty() {
        return detailsError.getReadOnlyProperty();
    }

    /**
     * Why a listed backup cannot be used, in words a view renders in its language (the failure's
     * text when the listing kept it, else its English); empty when it can be used.
     */
    public static Optional<Text> problemOf(BackupListing b) {
        if (b == null || b.problem() == null) {
            return Optional.empty();
        }
        return Optional.of(b.failure() != null ? Failures.text(b.failure()) : Text.plain(b.problem()));
    }

    public ObjectProperty<TargetKind> targetKindProperty() {
        return targetKind;
    }

    public StringProperty newFolderProperty() {
        return newFolder;
    }

    public ReadOnlyObjectProperty<Load> planStateProperty() {
        return planState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<BackupAccess.RestorePlan>> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Text> planErrorProperty() {
        return planError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunController.Screen> screenProperty() {
        return runs.screenProperty();
    }

    public RunViewModel run() {
        return runs.run();
    }
}
