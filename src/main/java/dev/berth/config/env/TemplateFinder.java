package dev.berth.config.env;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds env templates in a release and pairs them with the user's env files.
 *
 * <p>The user's env files are those Compose reads (the project's {@code .env}, an {@code
 * --env-file}, the files named in {@code env_file:}); callers pass them in, as paths relative to
 * the project folder. Templates are a release's files named like {@code .env.example}, {@code
 * env.example}, {@code example.env}, {@code *.env.example}, {@code .env.template}, {@code
 * env.template}, {@code *.env.template}, {@code .env.sample}, {@code sample.conf}; a release may also
 * ship the env file itself ({@code mailserver.env}, {@code env/netbox.env}), and then the file at the
 * same path is the template. A manifest may declare pairs and moves.
 *
 * <p>All paths are relative to the release (or project) root and use {@code /}.
 */
public final class TemplateFinder {
    private static final Pattern TEMPLATE_NAME = Pattern.compile(
            "(?i)(\\.?env|.+\\.env)\\.(example|template|sample|dist|tmpl|defaults?)|(example|sample)\\.env"
                    + "|.+\\.example\\.env|sample\\.conf|.+\\.conf\\.(example|sample|template|dist)");
    private static final Pattern ENV_NAME = Pattern.compile("(?i)\\.env|.+\\.env|env");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", ".github", "vendor");

    private TemplateFinder() {}

    /** How a user file was paired with its template, or how a template was followed to a new release. */
    public enum How {
        /** The manifest said so. */
        DECLARED,
        /** A template name next to the user file ({@code .env} and {@code .env.example}). */
        TEMPLATE_NAME,
        /** The release ships a file at the same path ({@code mailserver.env}). */
        SAME_PATH
    }

    /** A user env file and the template it is merged with. */
    public record Pair(String userFile, String template, How how) {}

    /**
     * The result of pairing.
     *
     * @param pairs the user files with a template
     * @param unpairedUserFiles user files without a template (nothing to merge: keep them as they are)
     * @param unpairedTemplates templates no user file uses (a new env file to create from them)
     */
    public record Pairing(List<Pair> pairs, List<String> unpairedUserFiles, List<String> unpairedTemplates) {
        public Pairing {
            pairs = List.copyOf(pairs);
            unpairedUserFiles = List.copyOf(unpairedUserFiles);
            unpairedTemplates = List.copyOf(unpairedTemplates);
        }
    }

    /**
     * Where an old release's template is in the new release.
     *
     * @param oldTemplate the template's path in the old release
     * @param newTemplate its path in the new release, when found at the same path or declared
     * @param how how it was found; empty when it was not
     * @param candidates similar files of the new release (same file name elsewhere, or another
     *     template name in the same folder), most similar first, when it was not found
     * @param message what happened, for the user
     */
    public record Move(
            String oldTemplate,
            Optional<String> newTemplate,
            Optional<How> how,
            List<String> candidates,
            String message) {
        public Move {
            candidates = List.copyOf(candidates);
        }
    }

    /** Whether {@code fileName} is named like an env template. */
    public static boolean isTemplateName(String fileName) {
        return TEMPLATE_NAME.matcher(fileName).matches();
    }

    /** Whether {@code fileName} is named like an env file or template. */
    public static boolean isEnvFileName(String fileName) {
        return ENV_NAME.matcher(fileName).matches() || isTemplateName(fileName);
    }

    /** The files named like templates below {@code root}, sorted. */
    public static List<String> findTemplates(Path root) throws IOException {
        return find(root, TemplateFinder::isTemplateName);
    }

    /** The files named like env files or templates below {@code root}, sorted. */
    public static List<String> findEnvFiles(Path root) throws IOException {
        return find(root, TemplateFinder::isEnvFileName);
    }

    /**
     * Pairs each user env file with a template of the release at {@code releaseRoot}: the declared
     * one, else a template name in the same folder, else the file at the same path.
     *
     * @param declared user file to template, both relative, from the manifest
     */
    public static Pairing pair(List<String> userFiles, Path releaseRoot, Map<String, String> declared)
            throws IOException {
        List<String> templates = findTemplates(releaseRoot);
        Set<String> used = new HashSet<>();
        List<Pair> pairs = new ArrayList<>();
        List<String> unpaired = new ArrayList<>();
        for (String user : userFiles) {
            String d = declared.get(user);
            if (d != null) {
                if (!Files.isRegularFile(releaseRoot.resolve(d))) {
                    throw new ConfigException(
                            d,
                            "the manifest names this file as the template of " + user + ", but the release has no"
                                    + " such file; fix the manifest",
                            null);
                }
                pairs.add(new Pair(user, d, How.DECLARED));
                used.add(d);
                continue;
            }
            Optional<String> sibling = siblingTemplates(user).stream()
                    .filter(t -> Files.isRegularFile(releaseRoot.resolve(t)))
                    .findFirst();
            if (sibling.isPresent()) {
                pairs.add(new Pair(user, sibling.get(), How.TEMPLATE_NAME));
                used.add(sibling.get());
            } else if (Files.isRegularFile(releaseRoot.resolve(user))) {
                pairs.add(new Pair(user, user, How.SAME_PATH));
                used.add(user);
            } else {
                unpaired.add(user);
            }
        }
        List<String> unusedTemplates = new ArrayList<>(templates);
        unusedTemplates.removeAll(used);
        return new Pairing(pairs, unpaired, unusedTemplates);
    }

    /**
     * Follows each template of the old release into the new one: same path, or a declared move;
     * anything else is reported with the similar files the new release has (same file name
     * elsewhere, or another template name in the same folder), most similar keys first.
     *
     * @param declaredMoves old path to new path, from the manifest
     */
    public static List<Move> follow(
            Path oldRoot, List<String> oldTemplates, Path newRoot, Map<String, String> declaredMoves)
            throws IOException {
        List<String> newFiles = findEnvFiles(newRoot);
        List<Move> moves = new ArrayList<>();
        for (String old : oldTemplates) {
            String declared = declaredMoves.get(old);
            if (declared != null) {
                if (!Files.isRegularFile(newRoot.resolve(declared))) {
                    throw new ConfigException(
                            declared,
                            "the manifest says " + old + " moved here, but the new release has no such"
                                    + " file; fix the manifest",
                            null);
                }
                moves.add(new Move(
                        old,
                        Optional.of(declared),
                        Optional.of(How.DECLARED),
                        List.of(),
                        "template " + old + " moved to " + declared + " (declared)"));
                continue;
            }
            if (Files.isRegularFile(newRoot.resolve(old))) {
                moves.add(new Move(
                        old,
                        Optional.of(old),
                        Optional.of(How.SAME_PATH),
                        List.of(),
                        "template " + old + " is at the same place in the new release"));
                continue;
            }
            String name = fileName(old);
            String dir = dirOf(old);
            Set<String> candidates = new LinkedHashSet<>();
            for (String f : newFiles) {
                boolean sameName = fileName(f).equals(name);
                boolean sameDirSibling = dirOf(f).equals(dir) && isEnvFileName(fileName(f));
                if (sameName || sameDirSibling) {
                    candidates.add(f);
                }
            }
            Set<String> oldKeys = keys(oldRoot.resolve(old));
            List<String> ranked = new ArrayList<>(candidates);
            ranked.sort(Comparator.comparingDouble((String f) -> -similarity(oldKeys, keys(newRoot.resolve(f))))
                    .thenComparing(f -> f));
            String message = ranked.isEmpty()
                    ? "template " + old + " is not in the new release, and no similar file is; its variables are kept"
                            + " in your env file as they are"
                    : "template " + old + " is not in the new release; a similar file exists at "
                            + String.join(" and ", ranked) + ". Declare the move in the manifest to follow it";
            moves.add(new Move(old, Optional.empty(), Optional.empty(), ranked, message));
        }
        return moves;
    }

    /** Template names Berth looks for next to a user env file, in order of preference. */
    static List<String> siblingTemplates(String userFile) {
        String dir = dirOf(userFile);
        String name = fileName(userFile);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        List<String> names = new ArrayList<>();
        for (String suffix : List.of(".example", ".template", ".sample", ".dist", ".tmpl")) {
            names.add(name + suffix);
        }
        if (name.equals(".env")) {
            names.addAll(
                    List.of("env.example", "example.env", "env.template", "env.sample", "sample.env", ".env.defaults"));
        } else if (name.toLowerCase(Locale.ROOT).endsWith(".env")) {
            String stem = name.substring(0, name.length() - 4);
            names.addAll(List.of(stem + ".example.env", "example." + name));
        } else if (name.toLowerCase(Locale.ROOT).endsWith(".conf")) {
            names.add("sample.conf");
        }
        return names.stream().map(n -> prefix + n).toList();
    }

    private static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return (double) inter.size() / union.size();
    }

    private static Set<String> keys(Path file) {
        Set<String> keys = new HashSet<>();
        try {
            EnvFile f = EnvParser.parse(file);
            f.assignments().forEach(a -> keys.add(a.key()));
            f.commentedOut().forEach(c -> keys.add(c.key()));
        } catch (IOException | ConfigException e) {
            // Only used to rank suggestions: a file that does not parse ranks last.
            return Set.of();
        }
        return keys;
    }

    private static List<String> find(Path root, java.util.function.Predicate<String> nameMatches) throws IOException {
        List<String> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root)
                                && SKIPPED_DIRS.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && nameMatches.test(file.getFileName().toString())) {
                    out.add(root.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
