package dev.berth.engine;

import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.merge.ConflictPolicy;
import dev.berth.release.Release;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an install's files would look like merged with a release, without Docker and without
 * writing anything into the install: for {@code berth diff} and the GUI's diff pages. Raw texts
 * are returned; callers show them through a masking diff ({@code config.diff.TextDiff}).
 */
public final class ConfigPreview {
    /** One file before and after ({@code empty} = absent). */
    public record FileDiff(String path, Optional<String> before, Optional<String> after) {}

    /**
     * The merge preview.
     *
     * @param files the files that change, sorted by path
     * @param report env changes, conflicts, missing values
     * @param before the install's compose project now
     * @param after the compose project after the merge, when it can be resolved
     */
    public record Result(
            List<FileDiff> files, PlanReport.Hop report, ComposeProject before, Optional<ComposeProject> after) {
        public Result {
            files = List.copyOf(files);
        }
    }

    private ConfigPreview() {}

    /** Merges {@code target} into a copy of the install's files in memory (one hop, no version rules). */
    public static Result of(
            Install install,
            Release target,
            ComposeLoader loader,
            Map<String, String> answers,
            Optional<ConflictPolicy> policy) {
        FileTree tree = new FileTree(install.dir());
        Optional<Path> base =
                Files.isDirectory(install.pristine()) ? Optional.of(install.pristine()) : Optional.empty();
        Map<String, VariableSpec> specs = new LinkedHashMap<>();
        target.manifestOrEmpty().env().forEach(s -> specs.put(s.name(), s));
        List<String> userEnv = UpgradePlanner.userEnvFiles(install);
        ReleaseMerge.Outcome out = ReleaseMerge.merge(tree, base, target, userEnv, specs, answers, policy, Map.of());
        List<FileDiff> files = new ArrayList<>();
        for (var e : tree.changes().entrySet()) {
            if (e.getKey().startsWith(".berth/")) {
                continue;
            }
            Path p = install.dir().resolve(e.getKey());
            files.add(new FileDiff(e.getKey(), read(p), e.getValue().map(b -> new String(b, StandardCharsets.UTF_8))));
        }
        files.sort(Comparator.comparing(FileDiff::path));
        Optional<ComposeProject> after = Optional.empty();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("berth-preview-");
            UpgradePlanner.copyTree(target.root(), scratch);
            for (String f : install.record().composeFiles()) {
                Path dst = scratch.resolve(f);
                byte[] b = tree.read(f).orElse(null);
                if (b != null) {
                    Files.createDirectories(dst.getParent());
                    Files.write(dst, b);
                }
            }
            for (String f : userEnv) {
                byte[] b = tree.read(f).orElse(null);
                if (b != null) {
                    Files.createDirectories(scratch.resolve(f).getParent());
                    Files.write(scratch.resolve(f), b);
                }
            }
            Path s = scratch;
            after = Optional.of(loader.load(new ProjectOptions(
                    Optional.of(s),
                    install.record().composeFiles().stream()
                            .map(s::resolve)
                            .filter(Files::exists)
                            .toList(),
                    install.record().envFiles().stream()
                            .map(s::resolve)
                            .filter(Files::exists)
                            .toList(),
                    install.record().profiles(),
                    VariableSource.ENV_FILES,
                    Map.of())));
        } catch (ConfigException e) {
            after = Optional.empty();
        } catch (IOException e) {
            throw new EngineIOException(Text.of(Text.Key.ERROR_PREVIEW, EngineIOException.reason(e)), e);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
        return new Result(files, UpgradePlanner.report(target.version().raw(), "", out), install.compose(), after);
    }

    private static Optional<String> read(Path p) {
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_READ, p, e);
        }
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // scratch space: left for the system's temp cleaner
                }
            });
        } catch (IOException e) {
            // scratch space: left for the system's temp cleaner
        }
    }
}
