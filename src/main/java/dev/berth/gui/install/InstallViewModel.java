package dev.berth.gui.install;

import dev.berth.engine.Engine;
import dev.berth.engine.InstallPlanner;
import dev.berth.engine.InstallRecord;
import dev.berth.engine.PlanStep;
import dev.berth.engine.Text;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.Desktops;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.EnvField;
import dev.berth.gui.common.EnvFormModel;
import dev.berth.gui.common.EnvTemplate;
import dev.berth.gui.common.FileDiff;
import dev.berth.gui.common.FileDiffs;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Planning;
import dev.berth.gui.common.ReleaseChoice;
import dev.berth.gui.common.RunController;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.WizardModel;
import dev.berth.gui.common.WizardStep;
import dev.berth.release.Release;
import dev.berth.release.TemplateSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One pass through the install wizard: release → location and data folder → environment
 * variables → review (the engine's plan: checks, files written as diffs against the templates,
 * steps) → run → done (the app's address, what next). The engine plans and runs; this class only
 * collects the user's choices, shows what the engine says, and moves work off the FX thread
 * through the {@link FxBridge}. FX-thread only; testable without a display.
 */
public final class InstallViewModel {
    /** The variable the location page asks for with the install folder. */
    public static final String DATA_DIR = "DATA_DIR";

    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** Where planning is. */
    public enum PlanState {
        IDLE,
        PLANNING,
        READY,
        FAILED
    }

    /** What is wrong with the chosen install folder. Message keys are {@code install.target.<kind>}. */
    public enum TargetProblem {
        EMPTY,
        NOT_ABSOLUTE,
        INVALID,
        IS_FILE,
        NOT_EMPTY,
        HAS_INSTALL,
        BAD_PROJECT
    }

    private final EngineAccess access;
    private final FxBridge bridge;
    private final Path defaultParent;
    private final Consumer<Optional<Path>> onClose;
    private final ReleaseChoice release;
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty project = new SimpleStringProperty(this, "project", "");
    private final BooleanProperty start = new SimpleBooleanProperty(this, "start", true);
    private final ReadOnlyObjectWrapper<Optional<TargetProblem>> targetProblem =
            new ReadOnlyObjectWrapper<>(this, "targetProblem", Optional.of(TargetProblem.EMPTY));
    private final ReadOnlyObjectWrapper<OptionalLong> freeSpace =
            new ReadOnlyObjectWrapper<>(this, "freeSpace", OptionalLong.empty());
    private final SimpleBooleanProperty targetChecked = new SimpleBooleanProperty(this, "targetChecked", false);
    private final ReadOnlyObjectWrapper<EnvFormModel> form =
            new ReadOnlyObjectWrapper<>(this, "form", new EnvFormModel(List.of()));
    private final ReadOnlyObjectWrapper<Optional<EnvField>> dataDir =
            new ReadOnlyObjectWrapper<>(this, "dataDir", Optional.empty());
    private final SimpleBooleanProperty envValid = new SimpleBooleanProperty(this, "envValid", true);
    private final SimpleBooleanProperty dataDirValid = new SimpleBooleanProperty(this, "dataDirValid", true);
    private final ReadOnlyObjectWrapper<PlanState> planState =
            new ReadOnlyObjectWrapper<>(this, "planState", PlanState.IDLE);
    private final ReadOnlyObjectWrapper<Optional<UpgradePlanner.Result>> plan =
            new ReadOnlyObjectWrapper<>(this, "plan", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> planError =
            new ReadOnlyObjectWrapper<>(this, "planError", Text.plain(""));
    private final ObservableList<FileDiff> diffs = FXCollections.observableArrayList();
    private final StringProperty selectedDiff = new SimpleStringProperty(this, "selectedDiff", "");
    private final ReadOnlyObjectWrapper<Optional<URI>> appAddress =
            new ReadOnlyObjectWrapper<>(this, "appAddress", Optional.empty());
    private final WizardModel<WizardStep> wizard;
    private final WizardStep releaseStep;
    private final WizardStep locationStep;
    private final WizardStep envStep;
    private final WizardStep reviewStep;
    private final RunController runs;
    private final PlanScratch scratch = new PlanScratch();
    private Engine engine;
    private boolean targetEdited;
    private boolean projectEdited;
    private boolean settingDefaults;
    private long targetGeneration;
    private final Planning planning;

    /**
     * @param demo the demo release, offered as the first choice when present
     * @param defaultParent where new installs go unless the user picks another folder
     * @param onClose called when the user leaves (FX thread), with the install folder when the
     *     app was installed
     */
    public InstallViewModel(
            EngineAccess access,
            FxBridge bridge,
            RunTracker tracker,
            Optional<Path> demo,
            Path defaultParent,
            Consumer<Optional<Path>> onClose) {
        this.access = access;
        this.bridge = bridge;
        this.planning = new Planning(bridge);
        this.defaultParent = defaultParent;
        this.onClose = onClose;
        this.release = new ReleaseChoice(access, bridge, demo);
        // An install that could not roll back is offered by the resume banner on Home, not here.
        this.runs = new RunController(bridge, tracker, Optional::empty);

        BooleanBinding locationValid = Bindings.createBooleanBinding(
                () -> targetChecked.get() && targetProblem.get().isEmpty() && dataDirValid.get(),
                targetChecked,
                targetProblem,
                dataDirValid);
        BooleanBinding reviewValid = Bindings.createBooleanBinding(
                () -> planState.get() == PlanState.READY
                        && plan.get().map(r -> !r.plan().refused()).orElse(false),
                planState,
                plan);
        releaseStep = new WizardStep("install.step.release", release.valid());
        locationStep = new WizardStep("install.step.location", locationValid);
        envStep = new WizardStep("install.step.env", envValid);
        reviewStep = new WizardStep("install.step.review", reviewValid, "install.action");
        wizard = new WizardModel<>(List.of(releaseStep, locationStep, envStep, reviewStep));

        release.loadedProperty().addListener((o, was, now) -> now.ifPresent(this::released));
        target.addListener((o, was, now) -> {
            if (!settingDefaults) {
                targetEdited = true;
            }
            if (!projectEdited) {
                settingDefaults = true;
                project.set(projectFor(now));
                settingDefaults = false;
            }
            checkTarget();
        });
        project.addListener((o, was, now) -> {
            if (!settingDefaults) {
                projectEdited = true;
            }
            checkTarget();
        });
        wizard.currentProperty().addListener((o, was, now) -> {
            if (now == reviewStep) {
                plan();
            }
        });
        wizard.outcomeProperty().addListener((o, was, now) -> {
            switch (now) {
                case FINISHED -> runInstall();
                case CANCELLED -> leave(Optional.empty());
                case OPEN -> {}
            }
        });
        runs.run().onFinished(r -> finished());
    }

    private static String projectFor(String target) {
        try {
            return target.isBlank() ? "" : InstallRecord.projectNameOf(Path.of(target.strip()));
        } catch (InvalidPathException e) {
            return "";
        }
    }

    /** A new release: its form, and the default folder while the user has not chosen one. */
    private void released(ReleaseChoice.Loaded loaded) {
        EnvTemplate t = loaded.template();
        EnvFormModel all = EnvFormModel.of(t.docs(), t.specs(), Map.of(), n -> true);
        Optional<EnvField> data = all.field(DATA_DIR);
        dataDir.set(data);
        dataDirValid.unbind();
        if (data.isPresent()) {
            dataDirValid.bind(Bindings.createBooleanBinding(
                    () -> data.get().problem().get().isEmpty(), data.get().problem()));
        } else {
            dataDirValid.set(true);
        }
        EnvFormModel shown = new EnvFormModel(
                all.fields().stream().filter(f -> !f.name().equals(DATA_DIR)).toList());
        form.set(shown);
        envValid.unbind();
        envValid.bind(shown.valid());
        if (!targetEdited) {
            settingDefaults = true;
            target.set(defaultParent.resolve(safeName(loaded.app())).toString());
            settingDefaults = false;
        }
        invalidatePlan();
    }

    private static String safeName(String app) {
        String s = app.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[.-]+", "");
        return s.isEmpty() ? "app" : s;
    }

    /** Checks the install folder and measures free space, off the FX thread. */
    private void checkTarget() {
        long mine = ++targetGeneration;
        targetChecked.set(false);
        invalidatePlan();
        String text = target.get().strip();
        String name = project.get().strip();
        bridge.run(
                () -> inspectTarget(text, name),
                r -> {
                    if (mine == targetGeneration) {
                        targetProblem.set(r.problem());
                        freeSpace.set(r.free());
                        targetChecked.set(true);
                    }
                },
                e -> {
                    if (mine == targetGeneration) {
                        targetProblem.set(Optional.of(TargetProblem.INVALID));
                        freeSpace.set(OptionalLong.empty());
                        targetChecked.set(true);
                    }
                });
    }

    record TargetCheck(Optional<TargetProblem> problem, OptionalLong free) {}

    /** What is wrong with a target folder, and the free space where it would be; blocking. */
    static TargetCheck inspectTarget(String text, String project) throws IOException {
        if (text.isEmpty()) {
            return new TargetCheck(Optional.of(TargetProblem.EMPTY), OptionalLong.empty());
        }
        Path p;
        try {
            p = Path.of(text);
        } catch (InvalidPathException e) {
            return new TargetCheck(Optional.of(TargetProblem.INVALID), OptionalLong.empty());
        }
        if (!p.isAbsolute()) {
            return new TargetCheck(Optional.of(TargetProblem.NOT_ABSOLUTE), OptionalLong.empty());
        }
        OptionalLong free = freeSpace(p);
        Optional<TargetProblem> problem = Optional.empty();
        if (Files.exists(p) && !Files.isDirectory(p)) {
            problem = Optional.of(TargetProblem.IS_FILE);
        } else if (InstallRecord.read(p).isPresent()) {
            problem = Optional.of(TargetProblem.HAS_INSTALL);
        } else if (Files.isDirectory(p) && !PlanScratch.onlyScratch(p)) {
            problem = Optional.of(TargetProblem.NOT_EMPTY);
        } else if (!PROJECT.matcher(project).matches()) {
            problem = Optional.of(TargetProblem.BAD_PROJECT);
        }
        return new TargetCheck(problem, free);
    }

    /** Usable bytes on the file system the path is (or would be) on. */
    static OptionalLong freeSpace(Path p) {
        Path existing = p.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return OptionalLong.empty();
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return OptionalLong.of(store.getUsableSpace());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The folder the data variable points at, resolved against the install folder. */
    public Optional<Path> dataFolder() {
        return dataDir.get().flatMap(f -> {
            try {
                Path t = Path.of(target.get().strip());
                return Optional.of(t.resolve(f.value().strip()).normalize());
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        });
    }

    private void invalidatePlan() {
        planning.invalidate();
        if (planState.get() != PlanState.IDLE) {
            planState.set(PlanState.IDLE);
            plan.set(Optional.empty());
            diffs.clear();
        }
    }

    /** The answers the install planner takes: changed form values and the data folder. */
    public Map<String, String> answers() {
        Map<String, String> a = new LinkedHashMap<>(form.get().answers());
        dataDir.get().filter(EnvField::changed).ifPresent(f -> a.put(DATA_DIR, f.value()));
        return a;
    }

    /** Plans the install with the current choices, off the FX thread (done when the review page opens). */
    public void plan() {
        Optional<ReleaseChoice.Loaded> loaded = release.loadedProperty().get();
        if (loaded.isEmpty()) {
            return;
        }
        planState.set(PlanState.PLANNING);
        plan.set(Optional.empty());
        planError.set(Text.plain(""));
        diffs.clear();
        Release rel = loaded.get().release();
        EnvTemplate template = loaded.get().template();
        Path dir = Path.of(target.get().strip());
        InstallPlanner.Options options =
                new InstallPlanner.Options(answers(), project.get().strip(), start.get());
        planning.request(
                () -> {
                    Engine e = access.engine();
                    scratch.beforePlanning(dir);
                    UpgradePlanner.Result r = e.planInstall(rel, dir, options);
                    List<FileDiff> d = FileDiffs.ofPlan(r.plan(), templates(rel, template), template.secretNames());
                    return new Planned(e, r, d);
                },
                p -> {
                    engine = p.engine();
                    plan.set(Optional.of(p.result()));
                    diffs.setAll(p.diffs());
                    planState.set(PlanState.READY);
                },
                e -> {
                    planError.set(Planning.message(e));
                    planState.set(PlanState.FAILED);
                });
    }

    private record Planned(Engine engine, UpgradePlanner.Result result, List<FileDiff> diffs) {}

    /**
     * What each file the install writes is compared with: its template in the release ({@code
     * .env} against {@code .env.example}), else the release's file of the same path.
     */
    static Function<String, Optional<String>> templates(Release rel, EnvTemplate env) {
        Map<String, String> templateOf = new LinkedHashMap<>();
        if (!env.template().isEmpty()) {
            templateOf.put(EnvTemplate.ENV, env.template());
        }
        for (TemplateSpec t : rel.manifestOrEmpty().templates()) {
            templateOf.put(t.file(), t.template());
        }
        Function<String, Optional<String>> files = FileDiffs.filesIn(rel.root());
        return path -> files.apply(templateOf.getOrDefault(path, path));
    }

    private void runInstall() {
        Optional<UpgradePlanner.Result> r = plan.get();
        if (r.isEmpty() || engine == null || !runs.start(engine, r.get().plan())) {
            wizard.reopen();
            return;
        }
        appAddress.set(address(r.get().plan()));
    }

    /** The app's address: the base of the plan's HTTP health probe. */
    static Optional<URI> address(dev.berth.engine.Plan p) {
        return p.steps().stream()
                .flatMap(s -> s instanceof PlanStep.Verify v ? v.probes().stream() : Stream.empty())
                .flatMap(h -> h instanceof PlanStep.HealthProbe.Http http ? Stream.of(http.url()) : Stream.empty())
                .findFirst()
                .flatMap(u -> {
                    try {
                        URI uri = URI.create(u);
                        return Optional.of(
                                new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", null, null));
                    } catch (IllegalArgumentException | java.net.URISyntaxException ex) {
                        return Optional.empty();
                    }
                });
    }

    private void finished() {
        if (runs.succeeded() && appAddress.get().isEmpty()) {
            // No HTTP probe: the first published port of the app says where it listens.
            Path dir = installFolder();
            bridge.run(
                    () -> PublishedPorts.firstAddress(access.engine().inspect(dir)), a -> appAddress.set(a), e -> {});
        }
    }

    /** Back from a failed run to the review page, which plans again. */
    public void backToReview() {
        if (runs.back()) {
            wizard.reopen();
            plan();
        }
    }

    /** Leaves the wizard (Close on the done page). */
    public void close() {
        leave(runs.succeeded() ? Optional.of(installFolder()) : Optional.empty());
    }

    private void leave(Optional<Path> installed) {
        if (runs.busy()) {
            return;
        }
        release.close();
        if (installed.isEmpty() && runs.ran().isEmpty()) {
            Path dir = Path.of(target.get().isBlank() ? "." : target.get().strip());
            bridge.run(() -> scratch.discard(dir), x -> {}, x -> {});
        }
        onClose.accept(installed);
    }

    /** Opens the app in the browser (off the FX thread). */
    public void openApp(Consumer<Exception> onFailed) {
        appAddress.get().ifPresent(u -> bridge.run(() -> Desktops.browse(u), x -> {}, onFailed));
    }

    /** Opens the install folder in the file manager (off the FX thread). */
    public void openFolder(Consumer<Exception> onFailed) {
        Path dir = installFolder();
        bridge.run(() -> Desktops.open(dir), x -> {}, onFailed);
    }

    public Path installFolder() {
        return Path.of(target.get().strip());
    }

    public WizardModel<WizardStep> wizard() {
        return wizard;
    }

    public WizardStep releaseStep() {
        return releaseStep;
    }

    public WizardStep locationStep() {
        return locationStep;
    }

    public WizardStep envStep() {
        return envStep;
    }

    public WizardStep reviewStep() {
        return reviewStep;
    }

    public ReleaseChoice release() {
        return release;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty projectProperty() {
        return project;
    }

    /** Whether the app starts after its files are written. */
    public BooleanProperty startProperty() {
        return start;
    }

    public ReadOnlyObjectProperty<Optional<TargetProblem>> targetProblemProperty() {
        return targetProblem.getReadOnlyProperty();
    }

    /** Free bytes where the data folder is (or would be); empty while unknown. */
    public ReadOnlyObjectProperty<OptionalLong> freeSpaceProperty() {
        return freeSpace.getReadOnlyProperty();
    }

    /** The environment form, without the data folder (asked on the location page). */
    public ReadOnlyObjectProperty<EnvFormModel> formProperty() {
        return form.getReadOnlyProperty();
    }

    /** The data folder variable, when the template has one. */
    public ReadOnlyObjectProperty<Optional<EnvField>> dataDirProperty() {
        return dataDir.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlanState> planStateProperty() {
        return planState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<UpgradePlanner.Result>> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Why planning failed (Docker unreachable, an unreadable release); empty otherwise. */
    public ReadOnlyObjectProperty<Text> planErrorProperty() {
        return planError.getReadOnlyProperty();
    }

    /** The files the install writes, each against its template. */
    public ObservableList<FileDiff> diffs() {
        return diffs;
    }

    public StringProperty selectedDiffProperty() {
        return selectedDiff;
    }

    public ReadOnlyObjectProperty<RunController.Screen> screenProperty() {
        return runs.screenProperty();
    }

    public RunViewModel run() {
        return runs.run();
    }

    /** Where the installed app answers, once known. */
    public ReadOnlyObjectProperty<Optional<URI>> appAddressProperty() {
        return appAddress.getReadOnlyProperty();
    }
}
