package dev.berth.gui.upgrade;

import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.diff.ComposeChange;
import dev.berth.config.diff.ComposeSemanticDiff;
import dev.berth.config.diff.SecretMasker;
import dev.berth.config.merge.Resolution;
import dev.berth.engine.Engine;
import dev.berth.engine.Install;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanReport;
import dev.berth.engine.PlanStep;
import dev.berth.engine.Text;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
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
import dev.berth.release.ReleaseLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One pass through the upgrade wizard of one install: release (with the version path through
 * required stops and the release notes) → environment changes (new variables to fill, renamed,
 * removed, defaults changed) → configuration (conflicts to decide, then the merged files side by
 * side and the compose summary) → backup → review (steps, expected downtime, checks) → run →
 * result (health, rollback or the backup taken before). The engine's {@link UpgradePlanner}
 * decides everything; the wizard plans again whenever the user's answers or decisions change.
 * FX-thread only; testable without a display.
 */
public final class UpgradeViewModel {

    /** Where something that runs off the FX thread is. */
    public enum Load {
        IDLE,
        BUSY,
        READY,
        FAILED
    }

    /**
     * What the release does to the variables, besides the new ones in the form.
     *
     * @param renamed "OLD → NEW": the value carries over
     * @param removed variables the new release no longer reads: kept at the end of the file,
     *     commented out
     * @param defaults variables that take the new release's default, with that default (masked
     *     when secret)
     * @param generated secrets Berth generates
     * @param otherFiles other env files and what changes in them, one line each
     */
    public record EnvChanges(
            List<String> renamed,
            List<String> removed,
            List<Map.Entry<String, String>> defaults,
            List<String> generated,
            List<String> otherFiles) {
        public EnvChanges {
            renamed = List.copyOf(renamed);
            removed = List.copyOf(removed);
            defaults = List.copyOf(defaults);
            generated = List.copyOf(generated);
            otherFiles = List.copyOf(otherFiles);
        }

        static final EnvChanges NONE = new EnvChanges(List.of(), List.of(), List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return renamed.isEmpty()
                    && removed.isEmpty()
                    && defaults.isEmpty()
                    && generated.isEmpty()
                    && otherFiles.isEmpty();
        }
    }

    /** What a plan was made from; a plan is made again when this changes. */
    record Inputs(
            Map<String, String> answers,
            Map<String, Map<Integer, Resolution>> resolutions,
            Path backupDir,
            boolean removeOldImages) {}

    private final EngineAccess access;
    private final BackupAccess backups;
    private final FxBridge bridge;
    private final Path installDir;
    private final Supplier<Path> backupRoot;
    private final Runnable onClose;
    private final BiConsumer<Path, Path> restoreBackup;
    private final ReleaseChoice release;
    private final ReadOnlyObjectWrapper<Load> installState =
            new ReadOnlyObjectWrapper<>(this, "installState", Load.BUSY);
    private final ReadOnlyObjectWrapper<Optional<Install>> install =
            new ReadOnlyObjectWrapper<>(this, "install", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> installError =
            new ReadOnlyObjectWrapper<>(this, "installError", Text.plain(""));
    private final ReadOnlyObjectWrapper<Load> planState = new ReadOnlyObjectWrapper<>(this, "planState", Load.IDLE);
    private final ReadOnlyObjectWrapper<Optional<UpgradePlanner.Result>> plan =
            new ReadOnlyObjectWrapper<>(this, "plan", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> planError =
            new ReadOnlyObjectWrapper<>(this, "planError", Text.plain(""));
    private final ReadOnlyObjectWrapper<EnvFormModel> newVariables =
            new ReadOnlyObjectWrapper<>(this, "newVariables", new EnvFormModel(List.of()));
    private final ReadOnlyObjectWrapper<EnvChanges> envChanges =
            new ReadOnlyObjectWrapper<>(this, "envChanges", EnvChanges.NONE);
    private final ObservableList<ConflictItem> conflicts = FXCollections.observableArrayList();
    private final ObservableList<FileDiff> diffs = FXCollections.observableArrayList();
    private final ObservableList<ComposeChange> composeChanges = FXCollections.observableArrayList();
    private final StringProperty selectedDiff = new SimpleStringProperty(this, "selectedDiff", "");
    private final BooleanProperty removeOldImages = new SimpleBooleanProperty(this, "removeOldImages", false);
    private final ReadOnlyObjectWrapper<Optional<BackupAccess.Estimate>> estimate =
            new ReadOnlyObjectWrapper<>(this, "estimate", Optional.empty());
    private final ReadOnlyObjectWrapper<Load> estimateState =
            new ReadOnlyObjectWrapper<>(this, "estimateState", Load.IDLE);
    private final SimpleBooleanProperty envValid = new SimpleBooleanProperty(this, "envValid", true);
    private final SimpleBooleanProperty allDecided = new SimpleBooleanProperty(this, "allDecided", true);
    private final WizardModel<WizardStep> wizard;
    private final WizardStep releaseStep;
    private final WizardStep envStep;
    private final WizardStep configStep;
    private final WizardStep backupStep;
    private final WizardStep reviewStep;
    private final RunController runs;
    /** The decisions the last plan was made with, kept while its conflicts are shown again. */
    private final Map<String, Map<Integer, Resolution>> kept = new TreeMap<>();

    private Inputs planned;
    private Engine engine;
    private final Planning planning;

    /**
     * @param backupRoot the backup folder of the settings, asked when the backup page opens
     * @param newest the newest release to offer first (the demo's for the demo app), if any
     * @param onClose called when the user leaves the wizard (FX thread)
     * @param restoreBackup opens the restore screen with (backup archive, install folder)
     */
    public UpgradeViewModel(
            EngineAccess access,
            BackupAccess backups,
            FxBridge bridge,
            RunTracker tracker,
            Path installDir,
            Supplier<Path> backupRoot,
            Optional<Path> newest,
            Runnable onClose,
            BiConsumer<Path, Path> restoreBackup) {
        this.access = access;
        this.backups = backups;
        this.bridge = bridge;
        this.planning = new Planning(bridge);
        this.installDir = installDir;
        this.backupRoot = backupRoot;
        this.onClose = onClose;
        this.restoreBackup = restoreBackup;
        this.release = new ReleaseChoice(access, bridge, newest);
        this.runs = new RunController(bridge, tracker, () -> Optional.of(installDir));

        BooleanBinding releaseValid = Bindings.createBooleanBinding(
                () -> installState.get() == Load.READY
                        && release.valid().get()
                        && planState.get() == Load.READY
                        && versionProblem().isEmpty(),
                installState,
                release.valid(),
                planState,
                plan);
        BooleanBinding configValid = Bindings.createBooleanBinding(
                () -> planState.get() == Load.READY
                        && plan.get()
                                .map(r -> conflictsOf(r.report()).isEmpty())
                                .orElse(false),
                planState,
                plan);
        BooleanBinding reviewValid = Bindings.createBooleanBinding(
                () -> planState.get() == Load.READY
                        && plan.get().map(r -> !r.plan().refused()).orElse(false),
                planState,
                plan);
        releaseStep = new WizardStep("upgrade.step.release", releaseValid);
        envStep = new WizardStep("upgrade.step.env", envValid);
        configStep = new WizardStep("upgrade.step.config", configValid);
        backupStep = new WizardStep("upgrade.step.backup", new SimpleBooleanProperty(true));
        reviewStep = new WizardStep("upgrade.step.review", reviewValid, "upgrade.action");
        wizard = new WizardModel<>(List.of(releaseStep, envStep, configStep, backupStep, reviewStep));

        release.loadedProperty().addListener((o, was, now) -> {
            planned = null;
            if (now.isPresent()) {
                plan();
            }
        });
        wizard.currentProperty().addListener((o, was, now) -> {
            if (now == configStep || now == reviewStep) {
                planIfChanged();
            }
            if (now == backupStep && estimateState.get() == Load.IDLE) {
                estimate();
            }
        });
        removeOldImages.addListener(o -> {
            if (wizard.currentProperty().get() == reviewStep) {
                planIfChanged();
            }
        });
        wizard.outcomeProperty().addListener((o, was, now) -> {
            switch (now) {
                case FINISHED -> runUpgrade();
                case CANCELLED -> leave();
                case OPEN -> {}
            }
        });
        inspect();
    }

    private void inspect() {
        installState.set(Load.BUSY);
        bridge.run(
                () -> access.engine().inspect(installDir),
                i -> {
                    install.set(Optional.of(i));
                    installState.set(Load.READY);
                    if (release.demo().isPresent() && isDemo(i)) {
                        release.chooseDemo();
                    }
                    if (release.loadedProperty().get().isPresent()) {
                        plan();
                    }
                },
                e -> {
                    installError.set(Planning.message(e));
                    installState.set(Load.FAILED);
                });
    }

    /** Tries reading the install again after it failed (Docker back, a file fixed). */
    public void retryInspect() {
        if (installState.get() == Load.FAILED) {
            inspect();
        }
    }

    private static boolean isDemo(Install i) {
        return "berth-demo".equals(i.record().app())
                || i.manifest()
                        .flatMap(m -> m.app())
                        .filter("berth-demo"::equals)
                        .isPresent();
    }

    /** The options a plan is made with now. */
    Inputs inputs() {
        String project = install.get().map(i -> i.record().project()).orElse("app");
        return new Inputs(
                newVariables.get().answers(), resolutions(), backupRoot.get().resolve(project), removeOldImages.get());
    }

    /** The decisions made so far: path → conflict id → resolution, as the planner takes them. */
    public Map<String, Map<Integer, Resolution>> resolutions() {
        Map<String, Map<Integer, Resolution>> out = new TreeMap<>();
        for (ConflictItem c : conflicts) {
            c.resolution()
                    .ifPresent(r ->
                            out.computeIfAbsent(c.path(), k -> new TreeMap<>()).put(c.id(), r));
        }
        // Keep decisions for conflicts of an earlier plan that this one no longer lists.
        for (Map.Entry<String, Map<Integer, Resolution>> e : kept.entrySet()) {
            e.getValue()
                    .forEach((id, r) -> out.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                            .putIfAbsent(id, r));
        }
        return out;
    }

    /** Plans again when the answers, decisions or backup options changed since the last plan. */
    public void planIfChanged() {
        if (install.get().isPresent() && release.loadedProperty().get().isPresent() && !inputs().equals(planned)) {
            plan();
        }
    }

    /** Plans the upgrade with the current choices, off the FX thread. */
    public void plan() {
        Optional<Install> inst = install.get();
        Optional<ReleaseChoice.Loaded> loaded = release.loadedProperty().get();
        Optional<ReleaseLoader> loader = release.loader();
        if (inst.isEmpty() || loaded.isEmpty() || loader.isEmpty()) {
            return;
        }
        Inputs in = inputs();
        kept.clear();
        kept.putAll(in.resolutions());
        planState.set(Load.BUSY);
        planError.set(Text.plain(""));
        Install i = inst.get();
        Release target = loaded.get().release();
        EnvTemplate template = loaded.get().template();
        ReleaseLoader l = loader.get();
        boolean first = planned == null;
        planning.request(
                () -> {
                    Engine e = access.engine();
                    UpgradePlanner.Result r = e.planUpgrade(
                            i,
                            target,
                            Engine.catalogFor(target, l),
                            l,
                            new UpgradePlanner.Options(
                                    in.answers(),
                                    Optional.empty(),
                                    in.backupDir(),
                                    in.removeOldImages(),
                                    in.resolutions()));
                    Set<String> secrets = new LinkedHashSet<>(template.secretNames());
                    i.manifest().ifPresent(m -> secrets.addAll(m.secretNames()));
                    List<FileDiff> d = FileDiffs.ofPlan(r.plan(), FileDiffs.filesIn(i.dir()), secrets);
                    List<ComposeChange> c = composeChanges(i, r.plan(), secrets);
                    return new Planned(e, r, d, c);
                },
                p -> {
                    engine = p.engine();
                    planned = in;
                    plan.set(Optional.of(p.result()));
                    diffs.setAll(p.diffs());
                    composeChanges.setAll(p.compose());
                    if (first) {
                        envPage(p.result().report(), template);
                    }
                    showConflicts(p.result().report());
                    planState.set(Load.READY);
                },
                e -> {
                    planError.set(Planning.message(e));
                    planState.set(Load.FAILED);
                });
    }

    private record Planned(
            Engine engine, UpgradePlanner.Result result, List<FileDiff> diffs, List<ComposeChange> compose) {}

    /** The failed version check of the plan (up to date, a downgrade, a missing required stop). */
    public Optional<Text> versionProblem() {
        return plan.get()
                .flatMap(r -> r.plan().checks().stream()
                        .filter(c -> c.name().equals("version") && c.status() == Plan.Check.Status.FAIL)
                        .map(Plan.Check::message)
                        .findFirst());
    }

    /** The env page from the first plan: the form of new and missing variables, and the rest as lists. */
    private void envPage(PlanReport report, EnvTemplate template) {
        Set<String> ask = new LinkedHashSet<>();
        Set<String> renamedTo = new LinkedHashSet<>();
        List<String> renamed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        Set<String> defaults = new LinkedHashSet<>();
        List<String> other = new ArrayList<>();
        for (PlanReport.Hop hop : report.hops()) {
            for (PlanReport.EnvChange c : hop.env()) {
                if (!c.file().equals(EnvTemplate.ENV)) {
                    if (!c.added().isEmpty()
                            || !c.removed().isEmpty()
                            || !c.renamed().isEmpty()) {
                        other.add(c.file() + ": +" + String.join(" +", c.added())
                                + (c.removed().isEmpty() ? "" : " −" + String.join(" −", c.removed()))
                                + (c.renamed().isEmpty() ? "" : " " + String.join(", ", c.renamed())));
                    }
                    continue;
                }
                for (String r : c.renamed()) {
                    renamed.add(r);
                    int arrow = r.indexOf('→');
                    if (arrow > 0) {
                        renamedTo.add(r.substring(arrow + 1).strip());
                    }
                }
                ask.addAll(c.added());
                removed.addAll(c.removed());
                defaults.addAll(c.defaultUpdated());
                generated.addAll(c.generated());
            }
            for (String missing : hop.missing()) {
                int cut = missing.indexOf(" (in ");
                String file = cut < 0 ? EnvTemplate.ENV : missing.substring(cut + 5, missing.indexOf(')', cut));
                if (file.equals(EnvTemplate.ENV)) {
                    ask.add(cut < 0 ? missing.strip() : missing.substring(0, cut));
                }
            }
        }
        ask.removeAll(renamedTo);
        // A variable a later hop removes again is not worth asking for.
        ask.removeAll(removed);
        // A new variable shows its (newest) default in the form already.
        defaults.removeAll(ask);
        EnvFormModel form = EnvFormModel.of(template.docs(), template.specs(), Map.of(), ask::contains);
        newVariables.set(form);
        envValid.unbind();
        envValid.bind(form.valid());
        List<Map.Entry<String, String>> defaultList = new ArrayList<>();
        for (String d : defaults) {
            defaultList.add(
                    Map.entry(d, template.doc(d).map(x -> x.displayDefault()).orElse("")));
        }
        envChanges.set(
                new EnvChanges(renamed, new ArrayList<>(new LinkedHashSet<>(removed)), defaultList, generated, other));
    }

    /** The conflicts of the plan, keeping decisions already made for the same places. */
    private void showConflicts(PlanReport report) {
        Map<String, ConflictItem> before = new LinkedHashMap<>();
        conflicts.forEach(c -> before.put(c.path() + "#" + c.id(), c));
        List<ConflictItem> next = new ArrayList<>();
        for (PlanReport.Conflict c : conflictsOf(report)) {
            ConflictItem was = before.get(c.path() + "#" + c.id());
            next.add(
                    was != null
                                    && was.sides()
                                            .raw()
                                            .equals(new ConflictItem(c).sides().raw())
                            ? was
                            : new ConflictItem(c));
        }
        conflicts.setAll(next);
        allDecided.unbind();
        Observable[] deps = next.stream().map(ConflictItem::decided).toArray(Observable[]::new);
        allDecided.bind(Bindings.createBooleanBinding(
                () -> next.stream().allMatch(c -> c.decided().get()), deps));
    }

    /**
     * The conflicts to decide now: those of the first hop that has any. A later hop merges on top
     * of the earlier one's result, so its conflicts are only real once the earlier ones are
     * decided; they show after the next plan.
     */
    static List<PlanReport.Conflict> conflictsOf(PlanReport report) {
        return firstConflictingHop(report).map(PlanReport.Hop::conflictDetails).orElse(List.of());
    }

    static Optional<PlanReport.Hop> firstConflictingHop(PlanReport report) {
        return report.hops().stream()
                .filter(h -> !h.conflictDetails().isEmpty())
                .findFirst();
    }

    /** The release whose conflicts are shown, for the page's title. */
    public Optional<String> conflictRelease() {
        return plan.get().flatMap(r -> firstConflictingHop(r.report())).map(PlanReport.Hop::version);
    }

    /** Plans again with the decisions made; the config page then shows the merged files. */
    public void applyDecisions() {
        if (allDecided.get()) {
            plan();
        }
    }

    /**
     * The semantic compose summary: the install's project now against the project the run leaves
     * (the staged compose and env files laid over the install). Blocking.
     */
    static List<ComposeChange> composeChanges(Install install, Plan plan, Set<String> secrets) {
        Optional<PlanStep.ApplyFiles> apply = FileDiffs.lastApply(plan);
        if (apply.isEmpty() || install.compose() == null) {
            return List.of();
        }
        Path dir = install.dir();
        Path staging = dir.resolve(apply.get().staging());
        Function<String, Optional<Path>> after = f -> {
            String h = apply.get().files().get(f);
            if (h == null) {
                return Optional.of(dir.resolve(f)).filter(Files::exists);
            }
            return h.isEmpty() ? Optional.empty() : Optional.of(staging.resolve(f));
        };
        // a release that renamed the compose file: compose reads the new one after the apply step
        List<String> composeAfter = apply.get().composeFiles().isEmpty()
                ? plan.composeFiles()
                : apply.get().composeFiles();
        List<Path> files =
                composeAfter.stream().map(after).flatMap(Optional::stream).toList();
        List<Path> envs =
                plan.envFiles().stream().map(after).flatMap(Optional::stream).toList();
        if (files.isEmpty()) {
            return List.of();
        }
        ComposeProject next = new ComposeLoader()
                .load(new ProjectOptions(
                        Optional.of(dir), files, envs, plan.profiles(), VariableSource.ENV_FILES, Map.of()));
        return new ComposeSemanticDiff(new SecretMasker(n -> SecretMasker.isSecretByName(n) || secrets.contains(n)))
                .diff(install.compose(), next);
    }

    private void estimate() {
        estimateState.set(Load.BUSY);
        bridge.run(
                () -> backups.estimate(installDir),
                e -> {
                    estimate.set(e);
                    estimateState.set(Load.READY);
                },
                e -> estimateState.set(Load.FAILED));
    }

    /** Where the backup goes: the settings' backup folder, one folder per project. */
    public Path backupFolder() {
        return inputs().backupDir();
    }

    private void runUpgrade() {
        Optional<UpgradePlanner.Result> r = plan.get();
        if (r.isEmpty() || engine == null || !runs.start(engine, r.get().plan())) {
            wizard.reopen();
        }
    }

    /**
     * Undoes an interrupted run (one that left its journal behind), on the same run page. Does
     * nothing when there is no unfinished run to undo.
     */
    public void rollback() {
        runs.rollback();
    }

    /** Opens the restore screen with the backup this run took, to go back to the version before. */
    public void restoreBackupTakenBefore() {
        if (runs.succeeded()) {
            backupTakenBefore().ifPresent(a -> restoreBackup.accept(Path.of(a), installDir));
        }
    }

    /** The archive the run's backup step wrote, if the plan backs up. */
    public Optional<String> backupTakenBefore() {
        return runs.ran().flatMap(RunViewModel::backupArchive);
    }

    /**
     * Whether the new version passed its checks: present once a verify step finished (true when
     * all passed).
     */
    public Optional<Boolean> healthy() {
        return runs.healthy();
    }

    /** Back from a run that rolled back to the review page, which plans again. */
    public void backToReview() {
        if (runs.back()) {
            wizard.reopen();
            plan();
        }
    }

    /** Leaves the wizard. Not while a run goes on. */
    public void close() {
        leave();
    }

    private void leave() {
        if (runs.busy()) {
            return;
        }
        release.close();
        onClose.run();
    }

    public Path installDir() {
        return installDir;
    }

    /** The app's name: its manifest's, else its record's, else the compose project's. */
    public String appName() {
        return install.get()
                .map(i -> i.manifest()
                        .flatMap(m -> m.app())
                        .orElse(
                                i.record().app().isEmpty()
                                        ? i.record().project()
                                        : i.record().app()))
                .orElse("");
    }

    public WizardModel<WizardStep> wizard() {
        return wizard;
    }

    public WizardStep releaseStep() {
        return releaseStep;
    }

    public WizardStep envStep() {
        return envStep;
    }

    public WizardStep configStep() {
        return configStep;
    }

    public WizardStep backupStep() {
        return backupStep;
    }

    public WizardStep reviewStep() {
        return reviewStep;
    }

    public ReleaseChoice release() {
        return release;
    }

    public ReadOnlyObjectProperty<Load> installStateProperty() {
        return installState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Install>> installProperty() {
        return install.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Text> installErrorProperty() {
        return installError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Load> planStateProperty() {
        return planState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<UpgradePlanner.Result>> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Text> planErrorProperty() {
        return planError.getReadOnlyProperty();
    }

    /** The variables the release adds or needs a value for, as a form. */
    public ReadOnlyObjectProperty<EnvFormModel> newVariablesProperty() {
        return newVariables.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EnvChanges> envChangesProperty() {
        return envChanges.getReadOnlyProperty();
    }

    /** The conflicts of the latest plan, each with the user's decision. */
    public ObservableList<ConflictItem> conflicts() {
        return conflicts;
    }

    /** True when every conflict shown has a decision. */
    public ReadOnlyBooleanProperty allDecidedProperty() {
        return allDecided;
    }

    /** The files the run writes, each against the install's file now. */
    public ObservableList<FileDiff> diffs() {
        return diffs;
    }

    public StringProperty selectedDiffProperty() {
        return selectedDiff;
    }

    /** Images, services, ports and volumes that change, secrets masked. */
    public ObservableList<ComposeChange> composeChanges() {
        return composeChanges;
    }

    public BooleanProperty removeOldImagesProperty() {
        return removeOldImages;
    }

    /** The backup's estimated size and time; empty when not known ("not available yet"). */
    public ReadOnlyObjectProperty<Optional<BackupAccess.Estimate>> estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Load> estimateStateProperty() {
        return estimateState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunController.Screen> screenProperty() {
        return runs.screenProperty();
    }

    public RunViewModel run() {
        return runs.run();
    }

    /** True when the finished run left an unfinished journal: Roll back is offered. */
    public ReadOnlyBooleanProperty journalLeftProperty() {
        return runs.journalLeftProperty();
    }
}
