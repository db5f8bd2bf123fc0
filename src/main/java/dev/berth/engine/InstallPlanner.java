package dev.berth.engine;

import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.PortMapping;
import dev.berth.config.env.TemplateFinder;
import dev.berth.config.env.VariableSpec;
import dev.berth.release.Manifest;
import dev.berth.release.Release;
import dev.berth.release.TemplateSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/**
 * Plans a first install of a release into a new folder: the release's files, {@code .env} made from
 * its template with the user's answers and generated secrets, pull or build, start, verify. A
 * non-empty target is refused unless it holds an earlier install (then it is an upgrade).
 */
public final class InstallPlanner {
    private final ContainerRuntime runtime;
    private final ComposeLoader loader;
    private final UpgradePlanner shared;

    public InstallPlanner(ContainerRuntime runtime, ComposeLoader loader) {
        this.runtime = runtime;
        this.loader = loader;
        this.shared = new UpgradePlanner(runtime, loader);
    }

    /**
     * What the user chose.
     *
     * @param answers KEY=VALUE answers for the new {@code .env}
     * @param project the compose project name; empty = from the target folder's name
     * @param start whether to start the app (false = {@code --no-start}: files only)
     */
    public record Options(Map<String, String> answers, String project, boolean start) {
        public Options {
            answers = Map.copyOf(answers);
        }
    }

    /** Plans the install. Never throws for a refusal: the plan carries a failed check saying why. */
    public UpgradePlanner.Result plan(Release release, Path target, Options options) {
        Path dir = target.toAbsolutePath().normalize();
        List<Plan.Check> checks = new ArrayList<>();
        List<Text> warnings = new ArrayList<>();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                checks.add(fail("target", Text.of(Text.Key.CHECK_TARGET_FILE, dir.toString())));
            } else if (Files.isDirectory(dir) && InstallRecord.read(dir).isPresent()) {
                checks.add(fail(
                        "target",
                        Text.of(
                                Text.Key.CHECK_TARGET_INSTALLED,
                                dir.toString(),
                                InstallRecord.read(dir).get().app())));
            } else if (Files.isDirectory(dir) && hasEntries(dir)) {
                checks.add(fail("target", Text.of(Text.Key.CHECK_TARGET_NOT_EMPTY, dir.toString())));
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            checks.add(fail(
                    "target",
                    Text.of(Text.Key.CHECK_TARGET_CANNOT_CREATE, dir.toString(), String.valueOf(e.getMessage()))));
            return new UpgradePlanner.Result(
                    emptyPlan(release, dir, options, checks, warnings),
                    new PlanReport(List.of(), List.of("", release.version().raw()), List.of()));
        }
        // A release of a known app is installed with its built-in profile (docs, templates, health checks).
        Optional<dev.berth.release.apps.Match> known = dev.berth.release.apps.KnownApps.builtIn()
                .match(dev.berth.release.apps.InstallFacts.ofFolder(release.root(), Optional.empty()));
        Optional<dev.berth.release.apps.Profile> profile = known.filter(
                        k -> k.confidence() != dev.berth.release.apps.Confidence.LOW)
                .map(dev.berth.release.apps.Match::profile);
        known.ifPresent(k -> checks.add(new Plan.Check("app", Plan.Check.Status.OK, recognised(k))));
        release = dev.berth.release.apps.Profiles.target(release, profile);
        Manifest m = release.manifestOrEmpty();
        Map<String, VariableSpec> specs = new LinkedHashMap<>();
        m.env().forEach(s -> specs.put(s.name(), s));
        List<String> userEnv = userEnvFiles(release);
        String project = options.project().isEmpty() ? InstallRecord.projectNameOf(dir) : options.project();

        FileTree tree = new FileTree(dir);
        ReleaseMerge.Outcome out = ReleaseMerge.merge(
                tree,
                Optional.empty(),
                release,
                userEnv,
                specs,
                options.answers(),
                Optional.empty(),
                Map.of(),
                profile,
                Map.of());
        List<String> composeFiles = composeFiles(release);
        InstallRecord record = new InstallRecord(
                project,
                composeFiles,
                List.of(".env"),
                List.of(),
                m.app().orElse(""),
                release.source().display());
        try {
            tree.write(".berth/install.json", Journal.JSON.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!out.missing().isEmpty()) {
            checks.add(fail("env", Text.of(Text.Key.CHECK_MISSING_VALUES, out.missing())));
        }
        if (!out.refused().isEmpty()) {
            checks.add(fail("env", Text.of(Text.Key.CHECK_PROFILE_REFUSES, out.refused())));
        }
        out.warnings().forEach(w -> checks.add(new Plan.Check("env", Plan.Check.Status.WARN, w)));

        Path staging = Journal.berthDir(dir).resolve("staging").resolve("install");
        Path files = staging.resolve("files");
        Path releaseCopy = staging.resolve("release");
        stagePrivate(staging);
        Map<String, String> apply = new TreeMap<>();
        for (var e : tree.changes().entrySet()) {
            apply.put(e.getKey(), e.getValue().map(FileHashes::sha256).orElse(""));
        }
        UpgradePlanner.stage(tree, files, release, userEnv);
        Install virtual = new Install(
                dir, record, null, release.version(), "release", release.manifest(), Install.pristineDir(dir));
        ComposeProject compose = shared.stageCheck(
                release, tree, virtual, releaseCopy, checks, release.version().raw(), composeFiles, userEnv);
        if (compose != null && options.start()) {
            checkPorts(compose, checks);
        }
        List<PlanStep> steps = new ArrayList<>();
        if (!checks.stream().anyMatch(c -> c.status() == Plan.Check.Status.FAIL) && compose != null) {
            steps.addAll(shared.fetchSteps(
                    dir, List.of(new UpgradePlanner.Fetch(release, compose, releaseCopy)), checks, ""));
            steps.add(new PlanStep.ApplyFiles(
                    "apply",
                    Text.of(Text.Key.STEP_APPLY_INSTALL),
                    dir.relativize(files).toString(),
                    apply));
            if (options.start()) {
                steps.add(new PlanStep.StartServices(
                        "start",
                        Text.of(Text.Key.STEP_START_VERSION, release.version().raw()),
                        List.of()));
                steps.add(shared.verifyStep(
                        "verify",
                        Text.of(Text.Key.STEP_VERIFY_VERSION, release.version().raw()),
                        compose,
                        m));
            }
            steps.add(new PlanStep.RecordHistory(
                    "record",
                    Text.of(Text.Key.STEP_RECORD, release.version().raw()),
                    release.version().raw()));
        }
        Plan plan = new Plan(
                Plan.Kind.INSTALL,
                dir.toString(),
                project,
                composeFiles,
                record.envFiles(),
                List.of(),
                "",
                release.version().raw(),
                release.source().display(),
                steps,
                checks,
                Map.of(),
                warnings,
                0,
                Plan.DataRollback.KEEP);
        PlanReport.Hop hop = UpgradePlanner.report(release.version().raw(), "", out);
        return new UpgradePlanner.Result(
                plan, new PlanReport(List.of(hop), List.of("", release.version().raw()), List.of()));
    }

    /** The release's compose files: the manifest's, else compose's default names at the release's top. */
    static List<String> composeFiles(Release release) {
        Manifest m = release.manifestOrEmpty();
        if (!m.compose().files().isEmpty()) {
            return m.compose().files();
        }
        return ComposeLoader.defaultFiles(release.root()).stream()
                .map(p -> release.root()
                        .relativize(p.toAbsolutePath().normalize())
                        .toString())
                .toList();
    }

    /** {@code .env} plus the user files of the manifest's declared templates. */
    static List<String> userEnvFiles(Release release) {
        Set<String> s = new LinkedHashSet<>();
        s.add(".env");
        for (TemplateSpec t : release.manifestOrEmpty().templates()) {
            if (TemplateFinder.isEnvFileName(Path.of(t.file()).getFileName().toString())) {
                s.add(t.file());
            }
        }
        return List.copyOf(s);
    }

    private void checkPorts(ComposeProject compose, List<Plan.Check> checks) {
        for (ComposeService s : compose.model().services().values()) {
            for (PortMapping p : s.ports()) {
                int port = p.publishedPort();
                if (port <= 0) {
                    continue;
                }
                String ip = p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
                try (ServerSocket ss = new ServerSocket(port, 1, InetAddress.getByName(ip))) {
                    ss.setReuseAddress(true);
                } catch (IOException e) {
                    checks.add(fail("ports", Text.of(Text.Key.CHECK_PORT_IN_USE, String.valueOf(port), ip, s.name())));
                }
                if (ip.equals("0.0.0.0")
                        && s.image()
                                .map(dev.berth.release.KnownImages::isDataStore)
                                .orElse(false)) {
                    checks.add(new Plan.Check(
                            "ports",
                            Plan.Check.Status.WARN,
                            Text.of(Text.Key.CHECK_DATA_PORT_OPEN, s.name(), String.valueOf(port))));
                }
            }
        }
    }

    private static Plan emptyPlan(
            Release release, Path dir, Options options, List<Plan.Check> checks, List<Text> warnings) {
        return new Plan(
                Plan.Kind.INSTALL,
                dir.toString(),
                options.project(),
                List.of(),
                List.of(),
                List.of(),
                "",
                release.version().raw(),
                release.source().display(),
                List.of(),
                checks,
                Map.of(),
                warnings,
                0,
                Plan.DataRollback.KEEP);
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /** What Berth recognised a release or an install as, and whether its built-in profile applies. */
    static Text recognised(dev.berth.release.apps.Match k) {
        String what = k.profile().name() + k.version().map(v -> " " + v.raw()).orElse("");
        return switch (k.confidence()) {
            case HIGH -> Text.of(Text.Key.CHECK_APP_SURE, what);
            case MEDIUM -> Text.of(Text.Key.CHECK_APP_PROBABLY, what);
            case LOW -> Text.of(Text.Key.CHECK_APP_POSSIBLY, what);
        };
    }

    private static Plan.Check fail(String name, Text message) {
        return new Plan.Check(name, Plan.Check.Status.FAIL, message);
    }

    static void stagePrivate(Path staging) {
        try {
            Files.createDirectories(staging.getParent());
            if (!Files.exists(staging)) {
                try {
                    Files.createDirectory(
                            staging,
                            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectory(staging);
                }
            }
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_CREATE, staging, e);
        }
    }
}
