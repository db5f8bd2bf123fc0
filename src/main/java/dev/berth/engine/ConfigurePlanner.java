package dev.berth.engine;

import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.MountType;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.compose.VolumeMount;
import dev.berth.config.env.EnvDocs;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.config.env.TemplateFinder;
import dev.berth.config.env.VariableDoc;
import dev.berth.config.env.VariableSpec;
import dev.berth.release.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans the everyday edit of an existing install: new values in its env file (and edited config
 * files), checked against the template's docs, staged, applied; only the services whose resolved
 * configuration changed (or that mount a changed file) are recreated; verified; rolled back to the
 * old files on failure. No version changes, so no backup and no data restore.
 */
public final class ConfigurePlanner {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ComposeLoader loader;
    private final UpgradePlanner shared;

    public ConfigurePlanner(ContainerRuntime runtime, ComposeLoader loader) {
        this.loader = loader;
        this.shared = new UpgradePlanner(runtime, loader);
    }

    /**
     * Plans the change.
     *
     * @param answers new values (KEY → value) for the install's first env file
     * @param files edited files (path relative to the install → new content), e.g. from the GUI's editors
     */
    public UpgradePlanner.Result plan(Install install, Map<String, String> answers, Map<String, byte[]> files) {
        Path dir = install.dir();
        List<Plan.Check> checks = new ArrayList<>();
        FileTree tree = new FileTree(dir);
        List<String> envFiles = UpgradePlanner.userEnvFiles(install);
        String envFile = envFiles.isEmpty() ? ".env" : envFiles.getFirst();
        Manifest manifest = install.manifest().orElse(Manifest.EMPTY);
        Map<String, VariableSpec> specs = new LinkedHashMap<>();
        manifest.env().forEach(s -> specs.put(s.name(), s));
        EnvFile env = tree.read(envFile).map(b -> EnvParser.parse(envFile, b)).orElse(EnvFile.empty(envFile));
        List<String> changed = new ArrayList<>();
        for (var a : answers.entrySet()) {
            if (!a.getValue().equals(env.values().get(a.getKey()))) {
                env = env.withValue(a.getKey(), a.getValue());
                changed.add(a.getKey());
            }
        }
        tree.write(envFile, EnvWriter.toBytes(env));
        files.forEach(tree::write);
        Optional<EnvFile> template = templateOf(install, envFile);
        Map<String, String> values = env.values();
        if (template.isPresent()) {
            for (VariableDoc d : EnvDocs.extract(template.get(), specs)) {
                String v = values.get(d.name());
                if (d.required() && !d.optional() && (v == null || v.isEmpty())) {
                    checks.add(new Plan.Check(
                            "env", Plan.Check.Status.FAIL, Text.of(Text.Key.CHECK_ENV_REQUIRED, d.name())));
                }
                if (v != null && !v.isEmpty() && !typeOk(d, v)) {
                    checks.add(new Plan.Check(
                            "env",
                            Plan.Check.Status.FAIL,
                            d.secret()
                                    ? Text.of(
                                            Text.Key.CHECK_ENV_TYPE_SECRET,
                                            d.name(),
                                            d.type().name().toLowerCase(java.util.Locale.ROOT))
                                    : Text.of(
                                            Text.Key.CHECK_ENV_TYPE,
                                            d.name(),
                                            d.type().name().toLowerCase(java.util.Locale.ROOT),
                                            v)));
                }
            }
        }
        for (String k : answers.keySet()) {
            if (template.isPresent()
                    && !template.get().isSet(k)
                    && template.get().commentedOut().stream()
                            .noneMatch(c -> c.key().equals(k))
                    && !install.compose().variables().containsKey(k)) {
                checks.add(new Plan.Check("env", Plan.Check.Status.WARN, Text.of(Text.Key.CHECK_ENV_UNKNOWN, k)));
            }
        }

        String id = STAMP.format(Instant.now());
        Path staging = Journal.berthDir(dir).resolve("staging").resolve("configure-" + id);
        InstallPlanner.stagePrivate(staging);
        Map<String, String> apply = new TreeMap<>();
        for (var e : tree.changes().entrySet()) {
            Path dst = staging.resolve(e.getKey());
            if (e.getValue().isPresent()) {
                try {
                    Files.createDirectories(dst.getParent());
                    Files.write(dst, e.getValue().get());
                    Path current = dir.resolve(e.getKey());
                    if (Files.exists(current)) {
                        Files.setPosixFilePermissions(dst, Files.getPosixFilePermissions(current));
                    } else {
                        Files.setPosixFilePermissions(dst, dev.berth.config.AtomicFiles.PRIVATE);
                    }
                } catch (UnsupportedOperationException ignored) {
                    // no POSIX modes on this file system
                } catch (IOException ex) {
                    throw EngineIOException.of(Text.Key.ERROR_CANNOT_STAGE, dst, ex);
                }
            }
            apply.put(e.getKey(), e.getValue().map(FileHashes::sha256).orElse(""));
        }
        Map<String, String> hashes = new TreeMap<>();
        for (String f : apply.keySet()) {
            try {
                hashes.put(dir.resolve(f).toString(), FileHashes.sha256(dir.resolve(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        // The changed files resolved in place: staged versions of the changed compose and env files,
        // the install's own folder as the project directory (so every relative path means the same).
        ComposeProject after = null;
        try {
            List<Path> composeFiles = install.record().composeFiles().stream()
                    .map(f -> apply.containsKey(f) ? staging.resolve(f) : dir.resolve(f))
                    .toList();
            List<Path> envs = install.record().envFiles().stream()
                    .map(f -> apply.containsKey(f) ? staging.resolve(f) : dir.resolve(f))
                    .filter(Files::exists)
                    .toList();
            after = loader.load(new ProjectOptions(
                    Optional.of(dir),
                    composeFiles,
                    envs,
                    install.record().profiles(),
                    VariableSource.ENV_FILES,
                    Map.of()));
        } catch (ConfigException e) {
            checks.add(new Plan.Check(
                    "compose",
                    Plan.Check.Status.FAIL,
                    Text.of(Text.Key.CHECK_CONFIGURE_UNRESOLVED, String.valueOf(e.getMessage()))));
        }

        List<PlanStep> steps = new ArrayList<>();
        List<String> affected = after == null ? List.of() : affected(install, install.compose(), after, apply.keySet());
        if (apply.isEmpty()) {
            checks.add(new Plan.Check("changes", Plan.Check.Status.FAIL, Text.of(Text.Key.CHECK_NOTHING_TO_CHANGE)));
        } else if (checks.stream().noneMatch(c -> c.status() == Plan.Check.Status.FAIL) && after != null) {
            steps.add(new PlanStep.PinImages("pin", Text.of(Text.Key.STEP_PIN), List.of()));
            steps.add(new PlanStep.ApplyFiles(
                    "apply",
                    Text.of(Text.Key.STEP_APPLY_CONFIGURE),
                    dir.relativize(staging).toString(),
                    apply));
            if (!affected.isEmpty()) {
                steps.add(new PlanStep.StartServices("recreate", Text.of(Text.Key.STEP_RECREATE, affected), affected));
                PlanStep.Verify all = shared.verifyStep("verify", Text.of(Text.Key.STEP_VERIFY_APP), after, manifest);
                steps.add(all);
            }
        }
        if (after != null && affected.isEmpty() && !apply.isEmpty()) {
            checks.add(new Plan.Check("services", Plan.Check.Status.WARN, Text.of(Text.Key.CHECK_NO_SERVICE_CHANGES)));
        }
        Plan plan = new Plan(
                Plan.Kind.CONFIGURE,
                dir.toString(),
                install.record().project(),
                install.record().composeFiles(),
                install.record().envFiles(),
                install.record().profiles(),
                install.version().raw(),
                install.version().raw(),
                "configure",
                steps,
                checks,
                hashes,
                List.of(),
                affected.size() * 10L,
                Plan.DataRollback.KEEP);
        PlanReport.Hop hop = new PlanReport.Hop(
                install.version().raw(),
                "",
                apply.keySet().stream()
                        .map(f -> new PlanReport.FileChange(f, "changed", ""))
                        .toList(),
                List.of(new PlanReport.EnvChange(
                        envFile, envFile, List.of(), List.of(), List.of(), List.of(), List.of(), changed)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        return new UpgradePlanner.Result(
                plan, new PlanReport(List.of(hop), List.of(install.version().raw()), List.of()));
    }

    /** Services whose resolved definition changed, or that bind-mount a changed file. */
    static List<String> affected(
            Install install, ComposeProject before, ComposeProject after, Set<String> changedFiles) {
        Set<String> out = new LinkedHashSet<>();
        for (ComposeService s : after.model().services().values()) {
            ComposeService old = before.model().services().get(s.name());
            if (old == null || !comparable(old).equals(comparable(s))) {
                out.add(s.name());
                continue;
            }
            for (var ref : s.envFiles()) {
                if (changedFiles.stream()
                        .anyMatch(f -> install.dir()
                                .resolve(f)
                                .normalize()
                                .equals(ref.path().normalize()))) {
                    out.add(s.name());
                }
            }
            for (VolumeMount v : s.volumes()) {
                if (v.type() != MountType.BIND) {
                    continue;
                }
                for (String f : changedFiles) {
                    Path changed = install.dir().resolve(f).normalize();
                    if (changed.startsWith(Path.of(v.source()).normalize())) {
                        out.add(s.name());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** What of a service's definition decides whether compose recreates it. */
    private static String comparable(ComposeService s) {
        return s.image() + "|" + new TreeMap<>(s.environment()) + "|" + s.ports() + "|" + s.volumes() + "|"
                + s.command() + "|" + s.entrypoint() + "|" + s.user() + "|" + new TreeMap<>(s.labels());
    }

    private static Optional<EnvFile> templateOf(Install install, String envFile) {
        try {
            Path root = Files.isDirectory(install.pristine()) ? install.pristine() : install.dir();
            var pairing = TemplateFinder.pair(List.of(envFile), root, Map.of());
            return pairing.pairs().stream().findFirst().map(p -> {
                try {
                    return EnvParser.parse(root.resolve(p.template()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean typeOk(VariableDoc d, String v) {
        return switch (d.type()) {
            case INT -> v.matches("-?\\d+");
            case PORT -> v.matches("\\d{1,5}") && Integer.parseInt(v) > 0 && Integer.parseInt(v) < 65536;
            case BOOL -> v.matches("(?i)true|false|yes|no|on|off|1|0");
            case URL -> v.matches("(?i)[a-z][a-z0-9+.-]*://.+") || v.contains("${");
            case STRING, ENUM, PATH -> true;
        };
    }
}
