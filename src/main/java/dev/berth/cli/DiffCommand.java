package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.diff.ComposeChange;
import dev.berth.config.diff.ComposeSemanticDiff;
import dev.berth.config.diff.EnvChange;
import dev.berth.config.diff.EnvSemanticDiff;
import dev.berth.config.diff.SecretMasker;
import dev.berth.config.diff.TextDiff;
import dev.berth.config.diff.UnifiedDiff;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.TemplateFinder;
import dev.berth.engine.ConfigPreview;
import dev.berth.engine.Install;
import dev.berth.engine.InstallInspector;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth diff}: what a release changes in an install's files, or what changed between two
 * releases — unified text diffs and semantic summaries, secrets masked. Needs no Docker.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what upgrading to a release would change in an install's files (--install DIR --release SRC),"
                    + " or what changed between two releases (--from SRC --to SRC): text diffs and a summary of the"
                    + " compose and env changes. Secret values are masked."
        })
final class DiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--install", paramLabel = "DIR", description = "The install folder.")
    Path install;

    @Option(names = "--release", paramLabel = "SRC", description = "The release to compare the install with.")
    String release;

    @Option(names = "--from", paramLabel = "SRC", description = "The older release.")
    String from;

    @Option(names = "--to", paramLabel = "SRC", description = "The newer release.")
    String to;

    @Option(names = "--json", description = "Print JSON on standard output.")
    boolean json;

    private final ComposeLoader loader = new ComposeLoader();
    private final TextDiff textDiff = TextDiff.withDefaults();

    @Override
    public Integer call() throws IOException {
        boolean installMode = install != null || release != null;
        boolean releaseMode = from != null || to != null;
        if (installMode == releaseMode
                || (installMode && (install == null || release == null))
                || (releaseMode && (from == null || to == null))) {
            spec.commandLine()
                    .getErr()
                    .println("berth diff: give either --install DIR --release SRC, or --from SRC --to SRC.");
            return ExitCode.USAGE;
        }
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Report r = installMode ? installDiff(releases) : releaseDiff(releases);
            if (json) {
                System.out.println(r.json());
            } else {
                r.print(System.out);
            }
            return ExitCode.OK;
        }
    }

    private Report installDiff(ReleaseLoader releases) {
        Install inst = new InstallInspector(loader).inspect(install);
        Release target = releases.load(ReleaseSource.parse(release));
        ConfigPreview.Result p = ConfigPreview.of(inst, target, loader, Map.of(), Optional.empty());
        Report r = new Report(
                inst.dir() + " (" + inst.version().raw() + ")",
                target.source().display() + " (" + target.version().raw() + ")");
        for (ConfigPreview.FileDiff f : p.files()) {
            r.files.add(textDiff.diff(
                    "a/" + f.path(),
                    f.before().orElse(""),
                    "b/" + f.path(),
                    f.after().orElse("")));
        }
        p.after()
                .ifPresent(
                        a -> r.compose.addAll(ComposeSemanticDiff.withDefaults().diff(p.before(), a)));
        for (var e : p.report().env()) {
            EnvFile before = parse(inst.dir().resolve(e.file()));
            String merged = p.files().stream()
                    .filter(f -> f.path().equals(e.file()))
                    .findFirst()
                    .flatMap(ConfigPreview.FileDiff::after)
                    .orElse(before.text());
            r.env.addAll(envDiff(target).diff(before, EnvParser.parse(e.file(), merged), Optional.empty()));
        }
        r.notes.addAll(
                p.report().conflicts().stream().map(c -> "conflict: " + c).toList());
        r.notes.addAll(p.report().warnings());
        return r;
    }

    private Report releaseDiff(ReleaseLoader releases) throws IOException {
        Release a = releases.load(ReleaseSource.parse(from));
        Release b = releases.load(ReleaseSource.parse(to));
        Report r = new Report(
                a.source().display() + " (" + a.version().raw() + ")",
                b.source().display() + " (" + b.version().raw() + ")");
        TreeSet<String> all = new TreeSet<>();
        a.files().forEach(p -> all.add(p.toString().replace('\\', '/')));
        b.files().forEach(p -> all.add(p.toString().replace('\\', '/')));
        for (String f : all) {
            Optional<String> x = text(a.root().resolve(f));
            Optional<String> y = text(b.root().resolve(f));
            if (!x.equals(y)) {
                r.files.add(textDiff.diff("a/" + f, x.orElse(""), "b/" + f, y.orElse("")));
            }
        }
        for (String t : TemplateFinder.findTemplates(b.root())) {
            if (Files.isRegularFile(a.root().resolve(t))) {
                r.env.addAll(envDiff(b)
                        .diff(parse(a.root().resolve(t)), parse(b.root().resolve(t)), Optional.empty()));
            }
        }
        Optional<ComposeProject> ca = compose(a);
        Optional<ComposeProject> cb = compose(b);
        if (ca.isPresent() && cb.isPresent()) {
            r.compose.addAll(ComposeSemanticDiff.withDefaults().diff(ca.get(), cb.get()));
        }
        return r;
    }

    /** A release's compose project, resolved with its env template's defaults. */
    private Optional<ComposeProject> compose(Release rel) throws IOException {
        List<Path> files = ComposeLoader.defaultFiles(rel.root());
        if (files.isEmpty()) {
            return Optional.empty();
        }
        List<Path> env = TemplateFinder.findTemplates(rel.root()).stream()
                .filter(t -> !t.contains("/"))
                .map(rel.root()::resolve)
                .toList();
        // Required variables a template leaves empty get a stand-in, so the comparison still resolves.
        Map<String, String> standIns = new java.util.LinkedHashMap<>();
        try {
            for (int i = 0; ; i++) {
                try {
                    return Optional.of(loader.load(new ProjectOptions(
                            Optional.of(rel.root()),
                            files,
                            env,
                            List.of(),
                            standIns.isEmpty() ? VariableSource.ENV_FILES : VariableSource.ENV_FILES_AND_PROCESS,
                            standIns)));
                } catch (dev.berth.config.compose.MissingVariableException e) {
                    if (i > 50) {
                        throw e;
                    }
                    standIns.put(e.variable(), "(" + e.variable() + " unset)");
                }
            }
        } catch (ConfigException e) {
            System.err.println(
                    "berth diff: the compose files of " + rel.source().display() + " cannot be resolved ("
                            + e.getMessage() + "); only text diffs are shown for it.");
            return Optional.empty();
        }
    }

    private static EnvFile parse(Path p) {
        try {
            return Files.isRegularFile(p) ? EnvParser.parse(p) : EnvFile.empty(p.toString());
        } catch (IOException e) {
            throw new ConfigException(p.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        byte[] b = Files.readAllBytes(p);
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                return Optional.of("(binary file, " + b.length + " bytes)");
            }
        }
        return Optional.of(new String(b, StandardCharsets.UTF_8));
    }

    /** The diff's findings, printed as text or JSON; every value went through the masking diffs. */
    private static final class Report {
        final String left;
        final String right;
        final List<UnifiedDiff> files = new ArrayList<>();
        final List<ComposeChange> compose = new ArrayList<>();
        final List<EnvChange> env = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Report(String left, String right) {
            this.left = left;
            this.right = right;
        }

        void print(PrintStream out) {
            out.println("Comparing " + left + " with " + right);
            if (!compose.isEmpty()) {
                out.println();
                out.println("Compose changes:");
                out.print(indent(ComposeSemanticDiff.render(compose)));
            }
            if (!env.isEmpty()) {
                out.println();
                out.println("Environment changes:");
                out.print(indent(EnvSemanticDiff.render(env)));
            }
            for (String n : notes) {
                out.println("note: " + n);
            }
            for (UnifiedDiff d : files) {
                out.println();
                out.print(d.render());
            }
            if (files.isEmpty()) {
                out.println("No file differs.");
            }
        }

        String json() {
            ObjectMapper m = new ObjectMapper();
            ObjectNode n = m.createObjectNode();
            n.put("from", left);
            n.put("to", right);
            ArrayNode f = n.putArray("files");
            for (UnifiedDiff d : files) {
                ObjectNode o = f.addObject();
                o.put("path", d.newName().startsWith("b/") ? d.newName().substring(2) : d.newName());
                o.put("diff", d.render());
            }
            n.set(
                    "compose",
                    m.valueToTree(compose.stream()
                            .map(c -> ComposeSemanticDiff.render(List.of(c)).strip())
                            .toList()));
            n.set(
                    "env",
                    m.valueToTree(env.stream()
                            .map(c -> EnvSemanticDiff.render(List.of(c)).strip())
                            .toList()));
            n.set("notes", m.valueToTree(notes));
            return n.toPrettyString();
        }

        private static String indent(String s) {
            return s.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
        }
    }

    /** An env diff that knows the release's renames and secrets. */
    private static EnvSemanticDiff envDiff(Release rel) {
        Map<String, dev.berth.config.env.VariableSpec> specs = new java.util.LinkedHashMap<>();
        rel.manifestOrEmpty().env().forEach(v -> specs.put(v.name(), v));
        return new EnvSemanticDiff(masker(), specs);
    }

    static SecretMasker masker() {
        return SecretMasker.withDefaultNames();
    }
}
