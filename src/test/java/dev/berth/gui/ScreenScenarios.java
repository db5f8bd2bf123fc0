package dev.berth.gui;

import dev.berth.backup.BackupListing;
import dev.berth.config.AppDirs;
import dev.berth.engine.Engine;
import dev.berth.engine.Journal;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import dev.berth.engine.Text;
import dev.berth.gui.EngineFixtures.FakeBackups;
import dev.berth.gui.EngineFixtures.FakeRuntime;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.Page;
import dev.berth.gui.common.ReleaseChoice;
import dev.berth.gui.configure.ConfigureAccess;
import dev.berth.gui.configure.ConfigureViewModel;
import dev.berth.gui.home.InstallRow;
import dev.berth.gui.home.InstallRow.Health;
import dev.berth.gui.home.InstallRow.RunState;
import dev.berth.gui.install.InstallViewModel;
import dev.berth.gui.restore.RestoreViewModel;
import dev.berth.gui.upgrade.ConflictItem;
import dev.berth.gui.upgrade.UpgradeViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * The screens' pictures for {@code scripts/screenshots.sh}: the real window over the real planner
 * and runner, a recording fake of Docker, the demo's releases (their images from a registry, so
 * the run page shows pulls) and a fake backup side. Each scenario drives the view-models to the
 * state pictured. Test code: never ships.
 */
final class ScreenScenarios {
    static final Set<String> NAMES = Set.of(
            "install-env",
            "install-review",
            "run-mid",
            "upgrade-env",
            "upgrade-conflicts",
            "upgrade-diff",
            "upgrade-review",
            "restore-list",
            "home-actions",
            "configure-form");

    private ScreenScenarios() {}

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    static void launch(String name) throws Exception {
        Path root = Path.of("/tmp/berth-shots");
        deleteTree(root);
        Path home = Files.createDirectories(root.resolve("home"));
        System.setProperty("user.home", home.toString());
        Path releases = registryReleases(root.resolve("releases"));
        System.setProperty("berth.demo", releases.toString());

        FakeRuntime runtime = new FakeRuntime();
        if (name.equals("run-mid")) {
            runtime.holdPulls = new CountDownLatch(1);
        }
        Engine engine = EngineFixtures.engine(runtime, new FakeBackups());
        Path records = home.resolve("apps/records");
        List<InstallRow> rows = new ArrayList<>();
        if (name.startsWith("upgrade") || name.startsWith("home") || name.startsWith("configure")) {
            EngineFixtures.demoInstall(
                    releases,
                    records,
                    "1.0.0",
                    Map.of("APP_TITLE", "Ana’s records", "WEB_PORT", "18080", "DB_PASSWORD", "pw-of-ana-1234567890"));
            if (name.equals("upgrade-conflicts") || name.equals("upgrade-diff")) {
                Path compose = records.resolve("docker-compose.yml");
                Files.writeString(
                        compose,
                        Files.readString(compose)
                                .replace(
                                        "registry.example.org/berth-demo/web:1.0.0",
                                        "registry.example.org/berth-demo/web:1.0.0-ana"));
            }
            rows.add(new InstallRow(
                    "records",
                    "berth-demo",
                    "1.0.0",
                    RunState.RUNNING,
                    Health.HEALTHY,
                    records,
                    records.resolve("data"),
                    52_428_800L,
                    Optional.of(Instant.parse("2026-11-24T02:10:00Z")),
                    List.of()));
        }
        if (name.equals("home-actions")) {
            rows.addAll(ScreenshotFixtures.SAMPLE);
            interruptedUpgrade(Files.createDirectories(home.resolve("apps/wiki")));
            rows.add(new InstallRow(
                    "wiki",
                    "Outline",
                    "0.78.0",
                    RunState.PARTLY_RUNNING,
                    Health.STARTING,
                    home.resolve("apps/wiki"),
                    home.resolve("apps/wiki/data"),
                    2_147_483_648L,
                    Optional.empty(),
                    List.of("upgrade did not finish")));
        }
        GuiServices services = new GuiServices(
                AppDirs.system(),
                () -> rows,
                RunGuard.NONE,
                EngineFixtures.access(engine),
                new Backups(),
                ConfigureAccess.NONE);
        BerthApp.launchApp(services, new String[0], Optional.of(scenario(name, records)));
    }

    private static ScreenshotScenario scenario(String name, Path records) {
        return (w, ready) -> {
            switch (name) {
                case "install-env" ->
                    installTo(w, 2, vm -> {
                        vm.formProperty()
                                .get()
                                .field("APP_TITLE")
                                .orElseThrow()
                                .valueProperty()
                                .set("Ana’s records");
                        vm.formProperty()
                                .get()
                                .field("WEB_PORT")
                                .orElseThrow()
                                .valueProperty()
                                .set("80800");
                        ready.run();
                    });
                case "install-review" ->
                    installTo(
                            w,
                            3,
                            vm -> when(vm.planStateProperty(), s -> s == InstallViewModel.PlanState.READY, ready));
                case "run-mid" ->
                    installTo(
                            w,
                            3,
                            vm -> when(vm.planStateProperty(), s -> s == InstallViewModel.PlanState.READY, () -> {
                                vm.wizard().finish();
                                when(vm.run().items(), ready);
                            }));
                case "upgrade-env" -> upgradeTo(w, records, 1, vm -> ready.run());
                case "upgrade-conflicts" ->
                    upgradeTo(w, records, 2, vm -> {
                        vm.conflicts().getFirst().choiceProperty().set(ConflictItem.Choice.TAKE_THEIRS);
                        ready.run();
                    });
                case "upgrade-diff" ->
                    upgradeTo(w, records, 2, vm -> {
                        vm.conflicts().forEach(c -> c.choiceProperty().set(ConflictItem.Choice.TAKE_THEIRS));
                        vm.applyDecisions();
                        when(vm.planStateProperty(), s -> s == UpgradeViewModel.Load.READY, () -> {
                            vm.selectedDiffProperty().set("docker-compose.yml");
                            ready.run();
                        });
                    });
                case "upgrade-review" -> upgradeTo(w, records, 4, vm -> ready.run());
                case "restore-list" -> {
                    w.shell().go(Page.RESTORE);
                    RestoreViewModel vm = w.restore().session();
                    when(vm.listStateProperty(), s -> s == RestoreViewModel.Load.READY, () -> {
                        vm.selectedProperty().set(vm.backups().get(1));
                        when(vm.detailsStateProperty(), s -> s == RestoreViewModel.Load.READY, ready);
                    });
                }
                case "home-actions" ->
                    when(w.resume().found(), () -> {
                        w.home().selectedProperty().set(w.home().installs().getFirst());
                        ready.run();
                    });
                case "configure-form" -> {
                    w.configure().open(records);
                    w.shell().go(Page.CONFIGURE);
                    ConfigureViewModel vm =
                            w.configure().sessionProperty().get().orElseThrow();
                    when(vm.loadStateProperty(), s -> s == ConfigureViewModel.Load.READY, () -> {
                        vm.formProperty()
                                .get()
                                .field("WEB_PORT")
                                .orElseThrow()
                                .valueProperty()
                                .set("18081");
                        ready.run();
                    });
                }
                default -> throw new IllegalArgumentException(name);
            }
        };
    }

    /** The install wizard with the demo chosen, moved on {@code pages} pages. */
    private static void installTo(MainWindow w, int pages, java.util.function.Consumer<InstallViewModel> then) {
        w.shell().go(Page.INSTALL);
        w.install().tryDemo();
        InstallViewModel vm = w.install().session();
        when(
                vm.release().stateProperty(),
                s -> s == ReleaseChoice.LoadState.LOADED,
                () -> nextWhenValid(vm.wizard(), pages, () -> then.accept(vm)));
    }

    private static void upgradeTo(
            MainWindow w, Path dir, int pages, java.util.function.Consumer<UpgradeViewModel> then) {
        w.upgrade().open(dir);
        w.shell().go(Page.UPGRADE);
        UpgradeViewModel vm = w.upgrade().sessionProperty().get().orElseThrow();
        Runnable go = () -> nextWhenValid(
                vm.wizard(),
                pages,
                () -> when(vm.planStateProperty(), s -> s == UpgradeViewModel.Load.READY, () -> then.accept(vm)));
        when(vm.planStateProperty(), s -> s == UpgradeViewModel.Load.READY, go);
    }

    /** Presses Next {@code n} times, each as soon as the page allows it. */
    private static void nextWhenValid(dev.berth.gui.common.WizardModel<?> wizard, int n, Runnable then) {
        if (n == 0) {
            then.run();
            return;
        }
        when(wizard.canGoNext(), ok -> ok, () -> {
            wizard.next();
            nextWhenValid(wizard, n - 1, then);
        });
    }

    /** Runs {@code action} once {@code value} satisfies {@code test} (at once if it does now). */
    static <T> void when(ObservableValue<T> value, Predicate<T> test, Runnable action) {
        if (test.test(value.getValue())) {
            action.run();
            return;
        }
        value.addListener(new ChangeListener<T>() {
            @Override
            public void changed(ObservableValue<? extends T> o, T was, T now) {
                if (test.test(now)) {
                    o.removeListener(this);
                    action.run();
                }
            }
        });
    }

    /** Runs {@code action} once the list is not empty. */
    static void when(javafx.collections.ObservableList<?> list, Runnable action) {
        if (!list.isEmpty()) {
            action.run();
            return;
        }
        list.addListener(new javafx.collections.ListChangeListener<Object>() {
            @Override
            public void onChanged(Change<?> c) {
                if (!list.isEmpty()) {
                    list.removeListener(this);
                    action.run();
                }
            }
        });
    }

    /** The demo's releases with their images in a registry, so installs pull them. */
    private static Path registryReleases(Path to) throws IOException {
        EngineFixtures.copy(EngineFixtures.RELEASES, to);
        try (Stream<Path> s = Files.list(to)) {
            for (Path rel : s.toList()) {
                Path compose = rel.resolve("docker-compose.yml");
                if (Files.isRegularFile(compose)) {
                    Files.writeString(
                            compose,
                            Files.readString(compose)
                                    .replace("${BERTH_DEMO_REGISTRY:-}", "registry.example.org/")
                                    .replaceAll("(?m)^\\s+build: \\./(web|db)\\n", ""));
                }
            }
        }
        return to;
    }

    /** An upgrade that stopped half-way, as a crash leaves it. */
    private static void interruptedUpgrade(Path dir) {
        Plan plan = new Plan(
                Plan.Kind.UPGRADE,
                dir.toString(),
                "wiki",
                List.of(),
                List.of(),
                List.of(),
                "0.77.3",
                "0.78.0",
                "outline-0.78.0.tar.gz",
                List.of(
                        new PlanStep.StopServices(
                                "stop-app", Text.plain("Stop outline"), List.of("outline"), 10, List.of()),
                        new PlanStep.StartServices("start", Text.plain("Start the new version"), List.of())),
                List.of(),
                Map.of(),
                List.of(),
                20,
                Plan.DataRollback.KEEP);
        Journal j = Journal.begin(
                dir,
                "20261124-021000-a1b2c3d4",
                "UPGRADE",
                "0.77.3",
                "0.78.0",
                "test",
                com.fasterxml.jackson.databind.json.JsonMapper.builder()
                        .findAndAddModules()
                        .build()
                        .valueToTree(plan),
                plan.steps().stream()
                        .map(s -> new Journal.StepRecord(
                                s.id(), s.title().english(), Journal.StepState.PENDING, null, null, null))
                        .toList());
        j.stepStarted("stop-app");
    }

    /** A backup folder with a few backups of the demo and of other apps. */
    static final class Backups implements BackupAccess {
        static final Path FOLDER = Path.of("/home/ana/.local/share/berth/backups");

        final List<BackupListing> list = List.of(
                backup("records", "berth-demo", "1.0.0", "2026-11-24T02:10:00Z", 58_720_256L, true),
                backup("records", "berth-demo", "1.0.0", "2026-11-17T02:10:00Z", 57_671_680L, true),
                backup("mattermost", "mattermost", "9.11.1", "2026-11-20T02:10:00Z", 6_871_947_673L, true),
                backup("nextcloud", "nextcloud", "29.0.4", "2026-11-24T03:40:00Z", 48_318_382_080L, false));

        static BackupListing backup(
                String project, String app, String version, String created, long size, boolean verified) {
            return new BackupListing(
                    FOLDER.resolve(project)
                            .resolve(project + "-" + version + "-" + created.substring(0, 10) + ".berth"),
                    app,
                    version,
                    project,
                    "/srv/" + project,
                    Instant.parse(created),
                    size,
                    verified,
                    null);
        }

        @Override
        public List<BackupListing> list() {
            return list.stream()
                    .sorted(Comparator.comparing(BackupListing::created).reversed())
                    .toList();
        }

        @Override
        public Details details(Path archive) {
            BackupListing b = list.stream()
                    .filter(x -> x.file().equals(archive))
                    .findFirst()
                    .orElseThrow();
            return new Details(
                    b,
                    "ana-laptop",
                    "0.1.0",
                    List.of(
                            new Part(PartKind.FILES, b.install(), 48_128),
                            new Part(PartKind.VOLUME, b.project() + "_db-data", b.size() * 7 / 10),
                            new Part(PartKind.FOLDER, b.install() + "/data", b.size() / 5),
                            new Part(PartKind.DATABASE, "db (postgres)", b.size() / 10)));
        }

        @Override
        public RestorePlan planRestore(Path archive, Path target) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public dev.berth.engine.UpgradePlanner.Result planBackup(Path install) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public Optional<Estimate> estimate(Path install) {
            return Optional.of(new Estimate(58_720_256L, Duration.ofSeconds(25)));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
