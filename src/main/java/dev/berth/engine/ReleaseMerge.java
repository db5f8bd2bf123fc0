package dev.berth.engine;

import dev.berth.config.ConfigException;
import dev.berth.config.env.EnvDocs;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvMerge;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.config.env.Secrets;
import dev.berth.config.env.TemplateFinder;
import dev.berth.config.env.VariableDoc;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.merge.ConflictPolicy;
import dev.berth.config.merge.MergeResult;
import dev.berth.config.merge.Resolution;
import dev.berth.config.merge.ThreeWayMerge;
import dev.berth.release.Release;
import dev.berth.release.TemplateSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges a release into an install's files (a {@link FileTree}): the user's env files into the new
 * templates ({@link EnvMerge}), every other release file three-way ({@link ThreeWayMerge}: old
 * release, the user's file, the new release), new files added, files the release dropped removed
 * only when the user never changed them. The user's answers and generated secrets are applied on
 * top. Conflicts are collected, never silently resolved; with a {@link ConflictPolicy} they are
 * resolved the way the user chose.
 */
final class ReleaseMerge {
    /** What happened to one file. */
    enum FileAction {
        ADDED,
        UPDATED,
        MERGED,
        KEPT,
        REMOVED,
        KEPT_REMOVED_UPSTREAM,
        ENV_MERGED,
        CONFLICT
    }

    /** One file's line in the merge report. */
    record FileOutcome(String path, FileAction action, String detail) {}

    /** One env file's merge. */
    record EnvOutcome(
            String userFile, String template, EnvMerge.Report report, List<String> generated, List<String> answered) {
        EnvOutcome {
            generated = List.copyOf(generated);
            answered = List.copyOf(answered);
        }
    }

    /** The merge of one release into the tree. */
    record Outcome(
            List<FileOutcome> files,
            List<EnvOutcome> env,
            List<Text> conflicts,
            List<Text> missing,
            List<Text> warnings,
            Map<String, MergeResult> conflicted,
            List<Text> refused) {
        Outcome {
            refused = List.copyOf(refused);
            files = List.copyOf(files);
            env = List.copyOf(env);
            conflicts = List.copyOf(conflicts);
            missing = List.copyOf(missing);
            warnings = List.copyOf(warnings);
            conflicted = Map.copyOf(conflicted);
        }
    }

    /**
     * The new manifest's template pairs as they were in the old release: the template where it
     * still is, else where it moved from; a pair the old release has neither of is left to
     * discovery.
     */
    static Map<String, String> declaredIn(Path oldRoot, Release theirs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TemplateSpec t : theirs.manifestOrEmpty().templates()) {
            if (Files.isRegularFile(oldRoot.resolve(t.template()))) {
                out.put(t.file(), t.template());
                continue;
            }
            for (TemplateSpec.Location loc : t.movedFrom()) {
                String template = loc.template().orElse(loc.file().orElse(t.file()));
                if (loc.file().map(t.file()::equals).orElse(true) && Files.isRegularFile(oldRoot.resolve(template))) {
                    out.put(t.file(), template);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A file at {@code file} in the install, from {@code template} in the new release, that was at
     * one of {@code from} before (the first the install has wins).
     */
    private record Move(String file, String template, List<From> from) {
        /** Where the install has it ({@code file}) and where the old release had it ({@code template}). */
        record From(String file, String template) {}
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private ReleaseMerge() {}

    /**
     * Merges {@code theirs} into {@code tree}.
     *
     * @param tree the install's files (with earlier hops applied); changed in place
     * @param base the release the install runs now, when known (its pristine copy); without it a
     *     file both sides have and that differs is a conflict, since Berth cannot tell the user's
     *     edits from the old release's content
     * @param userEnvFiles the env files compose reads, relative to the install
     * @param specs the variables' specs from the manifest
     * @param answers the user's answers (KEY → value), applied on top
     * @param policy how to resolve conflicts, when the user chose
     */
    static Outcome merge(
            FileTree tree,
            Optional<Path> base,
            Release theirs,
            List<String> userEnvFiles,
            Map<String, VariableSpec> specs,
            Map<String, String> answers,
            Optional<ConflictPolicy> policy,
            Map<String, Map<Integer, Resolution>> resolutions) {
        return merge(tree, base, theirs, userEnvFiles, specs, answers, policy, resolutions, Optional.empty(), Map.of());
    }

    /**
     * As above, with a recognised app's built-in profile (its env rules — values that follow the
     * release, values kept when a default moves, refused values — apply to the env files' merge)
     * and files the release moved that no template of its manifest describes: {@code
     * moves} maps a path the install has (and the old release had) to the path the new release
     * has it at, such as a renamed compose file. The user's edits follow the file to its new
     * place, as for a template's {@code moved_from}, and the old path is removed.
     */
    static Outcome merge(
            FileTree tree,
            Optional<Path> base,
            Release theirs,
            List<String> userEnvFiles,
            Map<String, VariableSpec> specs,
            Map<String, String> answers,
            Optional<ConflictPolicy> policy,
            Map<String, Map<Integer, Resolution>> resolutions,
            Optional<dev.berth.release.apps.Profile> profile,
            Map<String, String> moves) {
        List<FileOutcome> files = new ArrayList<>();
        List<EnvOutcome> envs = new ArrayList<>();
        List<Text> conflicts = new ArrayList<>();
        List<Text> missing = new ArrayList<>();
        List<Text> warnings = new ArrayList<>();
        List<Text> refused = new ArrayList<>();
        Set<String> mentioned = new LinkedHashSet<>();
        Map<String, MergeResult> conflicted = new LinkedHashMap<>();
        Path newRoot = theirs.root();
        Set<String> envHandled = new LinkedHashSet<>();
        Set<String> answered = new LinkedHashSet<>();

        // 1. The user's env files, merged into their new templates.
        Map<String, String> declared = new LinkedHashMap<>();
        for (TemplateSpec t : theirs.manifestOrEmpty().templates()) {
            declared.put(t.file(), t.template());
        }
        try {
            TemplateFinder.Pairing pairing = TemplateFinder.pair(userEnvFiles, newRoot, declared);
            TemplateFinder.Pairing basePairing = base.isPresent() && Files.isDirectory(base.get())
                    ? TemplateFinder.pair(userEnvFiles, base.get(), declaredIn(base.get(), theirs))
                    : new TemplateFinder.Pairing(List.of(), userEnvFiles, List.of());
            for (TemplateFinder.Pair pair : pairing.pairs()) {
                String user = pair.userFile();
                EnvFile template = EnvParser.parse(newRoot.resolve(pair.template()));
                Optional<EnvFile> baseTemplate = basePairing.pairs().stream()
                        .filter(p -> p.userFile().equals(user))
                        .findFirst()
                        .map(p -> parseEnv(base.get().resolve(p.template())));
                Optional<byte[]> current = tree.read(user);
                EnvFile cur = current.isPresent() ? EnvParser.parse(user, current.get()) : EnvFile.empty(user);
                Optional<EnvFile> baseOfMine = current.isPresent() ? baseTemplate : Optional.empty();
                EnvMerge.Result r;
                EnvFile merged;
                if (profile.isPresent()) {
                    dev.berth.release.apps.Profiles.EnvOutcome po = dev.berth.release.apps.Profiles.mergeEnv(
                            profile, theirs.manifestOrEmpty(), theirs.version(), cur, template, baseOfMine, user);
                    r = po.merge();
                    merged = po.merged();
                    po.adjustments().forEach(a -> warnings.add(adjustment(user, a)));
                    po.problems()
                            .forEach(x -> refused.add(
                                    Text.of(Text.Key.MERGE_REFUSED, x.variable(), user, Text.plain(x.message()))));
                } else {
                    r = EnvMerge.merge(cur, template, baseOfMine, specs, user);
                    merged = r.merged();
                }
                List<String> generated = new ArrayList<>();
                List<String> answeredHere = new ArrayList<>();
                Map<String, String> values = merged.values();
                for (Map.Entry<String, String> a : answers.entrySet()) {
                    if (values.containsKey(a.getKey())
                            || template.isSet(a.getKey())
                            || template.commentedOut().stream()
                                    .anyMatch(c -> c.key().equals(a.getKey()))) {
                        if (!a.getValue().equals(values.get(a.getKey()))) {
                            merged = merged.withValue(a.getKey(), a.getValue());
                        }
                        answeredHere.add(a.getKey());
                        answered.add(a.getKey());
                    }
                }
                values = merged.values();
                for (VariableSpec s : specs.values()) {
                    if (s.generate().isPresent()
                            && values.containsKey(s.name())
                            && values.get(s.name()).isEmpty()
                            && !answers.containsKey(s.name())) {
                        merged = merged.withValue(
                                s.name(), randomSecret(s.generate().getAsInt()));
                        generated.add(s.name());
                    }
                }
                values = merged.values();
                Map<String, String> before = cur.values();
                for (VariableDoc d : EnvDocs.extract(template, specs)) {
                    String v = values.get(d.name());
                    boolean inTemplate = template.isSet(d.name())
                            || template.commentedOut().stream()
                                    .anyMatch(c -> c.key().equals(d.name()));
                    if (inTemplate || before.containsKey(d.name()) || values.containsKey(d.name())) {
                        mentioned.add(d.name());
                    }
                    // A variable of another env file (the manifest's docs cover them all) is that file's business;
                    // one the running install already had empty was not required by the release it runs.
                    boolean specRequired =
                            specs.containsKey(d.name()) && specs.get(d.name()).required();
                    boolean ranWithout =
                            before.containsKey(d.name()) && before.get(d.name()).isEmpty() && !specRequired;
                    if (!inTemplate && !values.containsKey(d.name())) {
                        continue;
                    }
                    if (d.required() && !d.optional() && (v == null || v.isEmpty()) && !ranWithout) {
                        missing.add(
                                d.docs().isEmpty()
                                        ? Text.of(Text.Key.MERGE_MISSING, d.name(), user)
                                        : Text.of(Text.Key.MERGE_MISSING_DOCS, d.name(), user, firstLine(d.docs())));
                    } else if (v != null && d.placeholder() && !v.isEmpty() && v.equals(d.defaultValue())) {
                        warnings.add(Text.of(
                                d.secret() ? Text.Key.MERGE_PLACEHOLDER_SECRET : Text.Key.MERGE_PLACEHOLDER,
                                d.name(),
                                user));
                    } else if (d.secret() && v != null && !v.isEmpty() && v.equals(d.defaultValue())) {
                        warnings.add(Text.of(Text.Key.MERGE_DEFAULT_SECRET, d.name(), user));
                    }
                }
                for (EnvMerge.Conflict c : r.report().conflicts()) {
                    warnings.add(conflict(user, c));
                }
                tree.write(user, EnvWriter.toBytes(merged));
                envHandled.add(user);
                envs.add(new EnvOutcome(user, pair.template(), r.report(), generated, answeredHere));
                files.add(new FileOutcome(user, FileAction.ENV_MERGED, "merged into " + pair.template()));
            }
            // A required variable no env file mentions at all goes into the first one.
            if (!pairing.pairs().isEmpty()) {
                for (VariableSpec sp : specs.values()) {
                    if (sp.required() && sp.generate().isEmpty() && !mentioned.contains(sp.name())) {
                        missing.add(Text.of(
                                Text.Key.MERGE_MISSING,
                                sp.name(),
                                pairing.pairs().getFirst().userFile()));
                    }
                }
            }
            for (String u : pairing.unpairedUserFiles()) {
                if (tree.exists(u)) {
                    warnings.add(Text.of(Text.Key.MERGE_NO_TEMPLATE, u));
                }
            }
        } catch (IOException e) {
            throw new EngineIOException(Text.of(Text.Key.ERROR_RELEASE_TEMPLATES, EngineIOException.reason(e)), e);
        }
        for (String k : answers.keySet()) {
            if (!answered.contains(k)) {
                warnings.add(Text.of(Text.Key.MERGE_ANSWER_UNUSED, k));
            }
        }

        // 2. Every other file of the old and the new release.
        Set<String> newFiles = relativeFiles(theirs);
        Set<String> baseFiles =
                base.filter(Files::isDirectory).map(ReleaseMerge::listFiles).orElse(Set.of());
        Set<String> all = new TreeSet<>(newFiles);
        all.addAll(baseFiles);
        Set<String> movedHandled = new LinkedHashSet<>();
        Set<String> imageArchives = new LinkedHashSet<>();
        theirs.imageArchives().forEach(p -> imageArchives.add(p.toString().replace('\\', '/')));
        ThreeWayMerge twm = new ThreeWayMerge();
        // Files the manifest says moved, and files the release moved (a renamed compose file): the
        // user's edits of the old file follow it to the new place.
        List<Move> moved = new ArrayList<>();
        moves.forEach((from, to) -> moved.add(new Move(to, to, List.of(new Move.From(from, from)))));
        for (TemplateSpec t : theirs.manifestOrEmpty().templates()) {
            moved.add(new Move(
                    t.file(),
                    t.template(),
                    t.movedFrom().stream()
                            .map(loc -> new Move.From(
                                    loc.file().orElse(t.file()),
                                    loc.template().orElse(loc.file().orElse(t.file()))))
                            .toList()));
        }
        for (Move t : moved) {
            if (envHandled.contains(t.file()) || !newFiles.contains(t.template()) || tree.exists(t.file())) {
                continue;
            }
            for (Move.From loc : t.from()) {
                String oldFile = loc.file();
                String oldTemplate = loc.template();
                Optional<byte[]> mineOld = tree.read(oldFile);
                if (mineOld.isEmpty()) {
                    continue;
                }
                byte[] neu = readBytes(newRoot.resolve(t.template()));
                Optional<byte[]> old = baseFiles.contains(oldTemplate)
                        ? Optional.of(readBytes(base.get().resolve(oldTemplate)))
                        : Optional.empty();
                if (old.isPresent() && Arrays.equals(old.get(), mineOld.get())) {
                    tree.write(t.file(), neu);
                    files.add(new FileOutcome(t.file(), FileAction.ADDED, "moved here from " + oldFile));
                } else if (old.isPresent()) {
                    MergeResult m = twm.merge(t.file(), text(old.get()), text(mineOld.get()), text(neu));
                    if (!m.hasConflicts() && m.mergedText().isPresent()) {
                        tree.write(t.file(), m.mergedText().get().getBytes(StandardCharsets.UTF_8));
                        files.add(new FileOutcome(
                                t.file(), FileAction.MERGED, "moved here from " + oldFile + " with your changes"));
                    } else if (policy.isPresent()) {
                        tree.write(t.file(), m.resolveAll(policy.get()).getBytes(StandardCharsets.UTF_8));
                        files.add(new FileOutcome(
                                t.file(),
                                FileAction.MERGED,
                                "moved here from " + oldFile + "; "
                                        + m.conflicts().size() + " conflict(s) resolved"));
                    } else {
                        conflicted.put(t.file(), m);
                        files.add(new FileOutcome(
                                t.file(),
                                FileAction.CONFLICT,
                                "moved here from " + oldFile + "; "
                                        + m.conflicts().size() + " conflict(s)"));
                        conflicts.add(Text.of(
                                Text.Key.MERGE_CONFLICT_MOVED,
                                t.file(),
                                oldFile,
                                m.conflicts().size()));
                    }
                } else {
                    conflict(
                            t.file(),
                            Text.of(Text.Key.MERGE_WHY_MOVED_UNCOMPARED, oldFile),
                            policy,
                            tree,
                            neu,
                            files,
                            conflicts);
                }
                if (tree.exists(t.file())
                        && (old.isEmpty()
                                || Arrays.equals(old.get(), mineOld.get())
                                || !conflicted.containsKey(t.file()))) {
                    tree.delete(oldFile);
                    files.add(new FileOutcome(oldFile, FileAction.REMOVED, "moved to " + t.file()));
                }
                movedHandled.add(oldFile);
                movedHandled.add(t.file());
                break;
            }
        }
        for (String rel : all) {
            if (envHandled.contains(rel)
                    || movedHandled.contains(rel)
                    || imageArchives.contains(rel)
                    || rel.startsWith(".berth/")) {
                continue;
            }
            Optional<byte[]> mine = tree.read(rel);
            Optional<byte[]> old =
                    baseFiles.contains(rel) ? Optional.of(readBytes(base.get().resolve(rel))) : Optional.empty();
            Optional<byte[]> neu =
                    newFiles.contains(rel) ? Optional.of(readBytes(newRoot.resolve(rel))) : Optional.empty();
            if (neu.isEmpty()) {
                if (mine.isEmpty()) {
                    continue;
                }
                if (old.isPresent() && Arrays.equals(mine.get(), old.get())) {
                    tree.delete(rel);
                    files.add(new FileOutcome(rel, FileAction.REMOVED, "the new release no longer has it"));
                } else {
                    files.add(new FileOutcome(
                            rel,
                            FileAction.KEPT_REMOVED_UPSTREAM,
                            "the new release no longer has it; you changed it, so it is kept"));
                    warnings.add(Text.of(Text.Key.MERGE_KEPT_REMOVED_UPSTREAM, rel));
                }
                continue;
            }
            if (mine.isEmpty()) {
                if (old.isPresent() && Arrays.equals(old.get(), neu.get())) {
                    files.add(new FileOutcome(rel, FileAction.KEPT, "you removed it; the release did not change it"));
                    continue;
                }
                tree.write(rel, neu.get());
                files.add(new FileOutcome(
                        rel,
                        old.isPresent() ? FileAction.UPDATED : FileAction.ADDED,
                        old.isPresent()
                                ? "you had removed it; the release changed it, so it is back"
                                : "new in this release"));
                continue;
            }
            if (Arrays.equals(mine.get(), neu.get())) {
                continue;
            }
            if (old.isPresent() && Arrays.equals(mine.get(), old.get())) {
                tree.write(rel, neu.get());
                files.add(new FileOutcome(
                        rel, FileAction.UPDATED, "taken from the new release (you had not changed it)"));
                continue;
            }
            if (old.isPresent() && Arrays.equals(old.get(), neu.get())) {
                files.add(new FileOutcome(rel, FileAction.KEPT, "your version (the release did not change it)"));
                continue;
            }
            if (!isText(mine.get())
                    || !isText(neu.get())
                    || old.map(o -> !isText(o)).orElse(false)) {
                conflict(rel, Text.of(Text.Key.MERGE_WHY_BINARY), policy, tree, neu.get(), files, conflicts);
                continue;
            }
            String baseText = old.map(ReleaseMerge::text).orElse("");
            MergeResult m = old.isPresent() ? twm.merge(rel, baseText, text(mine.get()), text(neu.get())) : null;
            if (m != null && !m.hasConflicts() && m.mergedText().isPresent()) {
                tree.write(rel, m.mergedText().get().getBytes(StandardCharsets.UTF_8));
                files.add(new FileOutcome(
                        rel,
                        FileAction.MERGED,
                        "your changes and the release's combined ("
                                + m.method().name().toLowerCase(java.util.Locale.ROOT) + ")"));
                continue;
            }
            Map<Integer, Resolution> decided = resolutions.getOrDefault(rel, Map.of());
            if (m != null && !decided.isEmpty() && m.conflicts().stream().allMatch(c -> decided.containsKey(c.id()))) {
                tree.write(rel, m.resolve(decided).getBytes(StandardCharsets.UTF_8));
                files.add(new FileOutcome(
                        rel, FileAction.MERGED, m.conflicts().size() + " conflict(s) resolved as you" + " decided"));
                continue;
            }
            if (m != null && policy.isPresent()) {
                tree.write(rel, m.resolveAll(policy.get()).getBytes(StandardCharsets.UTF_8));
                files.add(new FileOutcome(
                        rel,
                        FileAction.MERGED,
                        m.conflicts().size() + " conflict(s) resolved: "
                                + (policy.get() == ConflictPolicy.KEEP_MINE ? "kept yours" : "took the release's")));
                continue;
            }
            if (m == null) {
                conflict(rel, Text.of(Text.Key.MERGE_WHY_NO_BASE), policy, tree, neu.get(), files, conflicts);
                continue;
            }
            conflicted.put(rel, m);
            files.add(new FileOutcome(rel, FileAction.CONFLICT, m.conflicts().size() + " conflict(s)"));
            conflicts.add(Text.of(Text.Key.MERGE_CONFLICT, rel, m.conflicts().size()));
        }

        // 3. The pristine copy of the new release: the base of the next merge.
        for (String rel : newFiles) {
            if (!imageArchives.contains(rel)) {
                tree.write(".berth/release/" + rel, readBytes(newRoot.resolve(rel)));
            }
        }
        for (String rel : baseFiles) {
            if (!newFiles.contains(rel)) {
                tree.delete(".berth/release/" + rel);
            }
        }
        return new Outcome(files, envs, conflicts, missing, warnings, conflicted, refused);
    }

    private static void conflict(
            String rel,
            Text why,
            Optional<ConflictPolicy> policy,
            FileTree tree,
            byte[] theirs,
            List<FileOutcome> files,
            List<Text> conflicts) {
        if (policy.isPresent()) {
            if (policy.get() == ConflictPolicy.TAKE_THEIRS) {
                tree.write(rel, theirs);
            }
            files.add(new FileOutcome(
                    rel,
                    FileAction.MERGED,
                    why.english() + "; "
                            + (policy.get() == ConflictPolicy.KEEP_MINE ? "kept yours" : "took the release's")));
        } else {
            files.add(new FileOutcome(rel, FileAction.CONFLICT, why.english()));
            conflicts.add(Text.of(Text.Key.MERGE_CONFLICT_WHY, rel, why));
        }
    }

    /** A profile's change to a merged env file, said in the user's language. */
    private static Text adjustment(String user, dev.berth.release.apps.Profiles.Adjustment a) {
        Text.Key key = switch (a.kind()) {
            case TOOK_RELEASE_VALUE -> Text.Key.MERGE_PROFILE_TOOK_RELEASE;
            case BACK_TO_COMPOSE_DEFAULT -> Text.Key.MERGE_PROFILE_COMPOSE_DEFAULT;
            case KEPT_USER_VALUE -> Text.Key.MERGE_PROFILE_KEPT_YOURS;
        };
        return Text.of(key, user, a.variable(), a.about());
    }

    /** A conflict of an env merge, said in the user's language from its facts (values already masked). */
    static Text conflict(String user, EnvMerge.Conflict c) {
        List<String> f = c.facts();
        return switch (c.kind()) {
            case DUPLICATE_IN_CURRENT ->
                Text.of(
                        Text.Key.MERGE_ENV_DUPLICATE,
                        user,
                        f.get(0),
                        f.get(1),
                        f.get(2),
                        List.copyOf(f.subList(4, f.size())),
                        f.get(3));
            case RENAMED_KEY_SET_TWICE ->
                Text.of(Text.Key.MERGE_ENV_RENAMED_TWICE, user, f.get(0), f.get(1), f.get(2), shown(f.get(3)));
            case CHANGED_IN_BOTH ->
                Text.of(
                        Text.Key.MERGE_ENV_CHANGED_IN_BOTH,
                        user,
                        f.get(0),
                        shown(f.get(1)),
                        shown(f.get(2)),
                        shown(f.get(3)));
        };
    }

    private static Object shown(String value) {
        return EnvMerge.INHERITED.equals(value) ? Text.of(Text.Key.MERGE_ENV_INHERITED) : value;
    }

    static String randomSecret(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static Set<String> relativeFiles(Release r) {
        Set<String> s = new TreeSet<>();
        for (Path p : r.files()) {
            if (Files.isRegularFile(r.root().resolve(p))) {
                s.add(p.toString().replace('\\', '/'));
            }
        }
        return s;
    }

    private static Set<String> listFiles(Path root) {
        return new FileTree(root).files();
    }

    private static EnvFile parseEnv(Path p) {
        try {
            return EnvParser.parse(p);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_READ, p, e);
        }
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_READ, p, e);
        }
    }

    private static boolean isText(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Masks a value for messages when the variable is secret. */
    static String show(String name, String value, Map<String, VariableSpec> specs) {
        return Secrets.isSecret(name, specs.get(name)) ? Secrets.mask(value) : value;
    }

    static ConfigException refused(String what) {
        return new ConfigException(null, 0, 0, what, null);
    }
}
