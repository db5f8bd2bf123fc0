package dev.berth.gui.configure;

import dev.berth.config.diff.SecretMasker;
import dev.berth.config.diff.TextDiff;
import dev.berth.config.env.EnvDocs;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.engine.Engine;
import dev.berth.engine.Install;
import dev.berth.engine.Text;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.EnvFormModel;
import dev.berth.gui.common.EnvTemplate;
import dev.berth.gui.common.FileDiff;
import dev.berth.gui.common.FileDiffs;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Planning;
import dev.berth.gui.common.RunController;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.WizardModel;
import dev.berth.gui.common.WizardStep;
import dev.berth.release.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Changing the settings of an existing install: the env form filled from its {@code .env}, with
 * the documentation of the template of its pristine release copy ({@code .berth/release/}) → the
 * changes (the plan's files as diffs; a preview of the {@code .env} until the plan is there) and
 * the plan's checks → apply (run) → result, with rollback when the run left a journal. The plan
 * comes from {@link ConfigureAccess}. FX-thread only; testable without a display.
 */
public final class ConfigureViewModel {

    /** Where something that runs off the FX thread is. */
    public enum Load {
        IDLE,
        BUSY,
        READY,
        FAILED
    }

    private final EngineAccess access;
    private final ConfigureAccess configure;
    private final FxBridge bridge;
    private final Path installDir;
    private final Runnable onClose;
    private final ReadOnlyObjectWrapper<Load> loadState = new ReadOnlyObjectWrapper<>(this, "loadState", Load.BUSY);
    private final ReadOnlyObjectWrapper<Text> loadError =
            new ReadOnlyObjectWrapper<>(this, "loadError", Text.plain(""));
    private final ReadOnlyObjectWrapper<Optional<Install>> install =
            new ReadOnlyObjectWrapper<>(this, "install", Optional.empty());
    private final ReadOnlyObjectWrapper<EnvFormModel> form =
            new ReadOnlyObjectWrapper<>(this, "form", new EnvFormModel(List.of()));
    private final ReadOnlyBooleanWrapper documented = new ReadOnlyBooleanWrapper(this, "documented", true);
    private final SimpleBooleanProperty formReady = new SimpleBooleanProperty(this, "formReady", false);
    private final ReadOnlyObjectWrapper<Load> planState = new ReadOnlyObjectWrapper<>(this, "planState", Load.IDLE);
    private final ReadOnlyObjectWrapper<Optional<UpgradePlanner.Result>> plan =
            new ReadOnlyObjectWrapper<>(this, "plan", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> planError =
            new ReadOnlyObjectWrapper<>(this, "planError", Text.plain(""));
    private final ObservableList<FileDiff> diffs = FXCollections.observableArrayList();
    private final StringProperty selectedDiff = new SimpleStringProperty(this, "selectedDiff", "");
    private final ReadOnlyBooleanWrapper unavailable = new ReadOnlyBooleanWrapper(this, "unavailable", false);
    private final WizardModel<WizardStep> wizard;
    private final WizardStep settingsStep;
    private final WizardStep changesStep;
    private final RunController runs;
    private EnvFile current = EnvFile.empty(EnvTemplate.ENV);
    private Set<String> secretNames = Set.of();
    private Engine engine;
    private Map<String, String> planned;
    private final Planning planning;

    /** @param onClose called when the user leaves (FX thread) */
    public ConfigureViewModel(
            EngineAccess access,
            ConfigureAccess configure,
            FxBridge bridge,
            RunTracker tracker,
            Path installDir,
            Runnable onClose) {
        this.access = access;
        this.configure = configure;
        this.bridge = bridge;
        this.planning = new Planning(bridge);
        this.installDir = installDir;
        this.onClose = onClose;
        this.runs = new RunController(bridge, tracker, () -> Optional.of(installDir));
        BooleanBinding changesValid = Bindings.createBooleanBinding(
                () -> planState.get() == Load.READY
                        && plan.get().map(r -> !r.plan().refused()).orElse(false),
                planState,
                plan);
        settingsStep = new WizardStep("configure.step.settings", formReady);
        changesStep = new WizardStep("configure.step.changes", changesValid, "configure.action");
        wizard = new WizardModel<>(List.of(settingsStep, changesStep));
        wizard.currentProperty().addListener((o, was, now) -> {
            if (now == changesStep && !form.get().answers().equals(planned)) {
                plan();
            }
        });
        wizard.outcomeProperty().addListener((o, was, now) -> {
            switch (now) {
                case FINISHED -> apply();
                case CANCELLED -> leave();
                case OPEN -> {}
            }
        });
        load();
    }

    private record Loaded(
            Install install, EnvFile env, EnvTemplate template, boolean documented, Set<String> secrets) {}

    /** Reads the install, its {@code .env} and its pristine template, off the FX thread. */
    public void load() {
        loadState.set(Load.BUSY);
        bridge.run(
                () -> {
                    Install i = access.engine().inspect(installDir);
                    Path envPath = installDir.resolve(EnvTemplate.ENV);
                    EnvFile env =
                            Files.isRegularFile(envPath) ? EnvParser.parse(envPath) : EnvFile.empty(EnvTemplate.ENV);
                    Manifest m = i.manifest().orElse(Manifest.EMPTY);
                    EnvTemplate t = Files.isDirectory(i.pristine()) ? EnvTemplate.of(i.pristine(), m) : null;
                    boolean documented = t != null && !t.template().isEmpty();
                    if (!documented) {
                        // No copy of the release: the .env's own comments are the documentation.
                        Map<String, dev.berth.config.env.VariableSpec> specs = new java.util.LinkedHashMap<>();
                        m.env().forEach(s -> specs.put(s.name(), s));
                        t = new EnvTemplate(EnvTemplate.ENV, EnvDocs.extract(env, specs), specs, m.secretNames());
                    }
                    Set<String> secrets = new LinkedHashSet<>(t.secretNames());
                    secrets.addAll(m.secretNames());
                    return new Loaded(i, env, t, documented, secrets);
                },
                l -> {
                    install.set(Optional.of(l.install()));
                    current = l.env();
                    secretNames = Set.copyOf(l.secrets());
                    documented.set(l.documented());
                    Map<String, String> values = l.env().values();
                    EnvFormModel f =
                            EnvFormModel.of(l.template().docs(), l.template().specs(), values, n -> true);
                    form.set(f);
                    formReady.unbind();
                    formReady.bind(Bindings.createBooleanBinding(
                            () -> f.valid().get() && !f.answers().isEmpty(),
                            f.fields().stream()
                                    .map(x -> (javafx.beans.Observable) x.valueProperty())
                                    .toArray(javafx.beans.Observable[]::new)));
                    loadState.set(Load.READY);
                },
                e -> {
                    loadError.set(Planning.message(e));
                    loadState.set(Load.FAILED);
                });
    }

    /** Asks {@link ConfigureAccess} for a plan with the changed values, off the FX thread. */
    public void plan() {
        Optional<Install> i = install.get();
        if (i.isEmpty()) {
            return;
        }
        Map<String, String> answers = form.get().answers();
        planState.set(Load.BUSY);
        planError.set(Text.plain(""));
        plan.set(Optional.empty());
        // The .env as it would be, shown until the plan says more.
        diffs.setAll(preview(answers));
        Set<String> secrets = secretNames;
        planning.request(
                () -> {
                    Engine e = access.engine();
                    UpgradePlanner.Result r = configure.plan(i.get(), answers);
                    List<FileDiff> d = FileDiffs.ofPlan(r.plan(), FileDiffs.filesIn(installDir), secrets);
                    return new Planned(e, r, d);
                },
                p -> {
                    engine = p.engine();
                    planned = answers;
                    plan.set(Optional.of(p.result()));
                    if (!p.diffs().isEmpty()) {
                        diffs.setAll(p.diffs());
                    }
                    planState.set(Load.READY);
                },
                e -> {
                    unavailable.set(e instanceof ConfigureAccess.NotAvailableException);
                    planError.set(Planning.message(e));
                    planState.set(Load.FAILED);
                });
    }

    /** True when planning failed because this build cannot change settings yet. */
    public ReadOnlyBooleanProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    private record Planned(Engine engine, UpgradePlanner.Result result, List<FileDiff> diffs) {}

    /** The {@code .env} with the answers set, against the file now; secrets masked. */
    List<FileDiff> preview(Map<String, String> answers) {
        EnvFile next = current;
        for (var a : answers.entrySet()) {
            next = next.withValue(a.getKey(), a.getValue());
        }
        TextDiff text = new TextDiff(
                new SecretMasker(n -> SecretMasker.isSecretByName(n) || secretNames.contains(n)),
                TextDiff.DEFAULT_CONTEXT);
        var d = text.diff(
                "a/.env", current.text(), "b/.env", new String(EnvWriter.toBytes(next), StandardCharsets.UTF_8));
        List<FileDiff.Row> rows = new java.util.ArrayList<>();
        int added = 0;
        int removed = 0;
        for (var h : d.hunks()) {
            rows.add(new FileDiff.Row.Hunk(h.header()));
            h.sideBySide().forEach(p -> rows.add(new FileDiff.Row.Line(p)));
            for (var l : h.lines()) {
                switch (l.kind()) {
                    case ADDED -> added++;
                    case REMOVED -> removed++;
                    case CONTEXT -> {}
                }
            }
        }
        return List.of(new FileDiff(EnvTemplate.ENV, FileDiff.Change.CHANGED, rows, added, removed, true));
    }

    private void apply() {
        Optional<UpgradePlanner.Result> r = plan.get();
        if (r.isEmpty() || engine == null || !runs.start(engine, r.get().plan())) {
            wizard.reopen();
        }
    }

    /** Undoes a run that left its journal behind. */
    public void rollback() {
        runs.rollback();
    }

    /** Back to the changes page after a run that rolled back, which plans again. */
    public void backToChanges() {
        if (runs.back()) {
            wizard.reopen();
            plan();
        }
    }

    public void close() {
        leave();
    }

    private void leave() {
        if (!runs.busy()) {
            onClose.run();
        }
    }

    public Path installDir() {
        return installDir;
    }

    public WizardModel<WizardStep> wizard() {
        return wizard;
    }

    public WizardStep settingsStep() {
        return settingsStep;
    }

    public WizardStep changesStep() {
        return changesStep;
    }

    public ReadOnlyObjectProperty<Load> loadStateProperty() {
        return loadState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Text> loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Install>> installProperty() {
        return install.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EnvFormModel> formProperty() {
        return form.getReadOnlyProperty();
    }

    /** False when the install has no pristine release copy and its own comments document it. */
    public ReadOnlyBooleanProperty documentedProperty() {
        return documented.getReadOnlyProperty();
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

    public ReadOnlyBooleanProperty journalLeftProperty() {
        return runs.journalLeftProperty();
    }
}
