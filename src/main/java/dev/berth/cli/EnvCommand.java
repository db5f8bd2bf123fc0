package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.config.AtomicFiles;
import dev.berth.config.ConfigException;
import dev.berth.config.env.EnvDocs;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvManifestSection;
import dev.berth.config.env.EnvMerge;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.config.env.Secrets;
import dev.berth.config.env.VariableDoc;
import dev.berth.config.env.VariableSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth env}: merge a user's env file into a new template, and show a template's docs. */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = "Work with .env files: merge into a new template, show a template's documentation.",
        subcommands = {EnvCommand.Merge.class, EnvCommand.Docs.class})
public final class EnvCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static EnvFile read(Path file) {
        try {
            return EnvParser.parse(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file; check the path", e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the file: " + e.getMessage(), e);
        }
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** {@code berth env merge}. */
    @Command(
            name = "merge",
            mixinStandardHelpOptions = true,
            description = {
                "Merges your env file into the env template of a new release: the result follows the template,"
                        + " keeps every value you set byte for byte, carries renamed keys, keeps keys the template"
                        + " no longer has at the end, and reports conflicts.",
                "Without --output the merged file goes to standard output and the report to standard error."
            })
    static final class Merge implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Services services;

        @Option(names = "--current", required = true, paramLabel = "FILE", description = "Your env file.")
        String currentArg;

        @Option(names = "--template", required = true, paramLabel = "FILE", description = "The new release's template.")
        String templateArg;

        @Option(
                names = "--base",
                paramLabel = "FILE",
                description = "The old release's template: values still equal to its defaults take the new defaults.")
        String baseArg;

        @Option(
                names = "--manifest",
                paramLabel = "FILE",
                description = "A berth.yaml whose env: section describes variables (renamed_from, secret...).")
        String manifestArg;

        @Option(
                names = "--output",
                paramLabel = "FILE",
                description = "Write the merged file here (atomically; an existing file is kept as FILE.bak-<time>).")
        String outputArg;

        @Option(names = "--json", description = "Print the report as JSON on standard output (needs --output).")
        boolean json;

        @CommandLine.Mixin
        HostOptions hostOptions;

        Merge(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            var paths = hostOptions.paths(services);
            Path current = paths.apply(currentArg);
            Path template = paths.apply(templateArg);
            Path base = baseArg == null ? null : paths.apply(baseArg);
            Path manifest = manifestArg == null ? null : paths.apply(manifestArg);
            Path output = outputArg == null ? null : paths.apply(outputArg);
            if (json && output == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--json needs --output: without it the merged file itself goes to standard output");
            }
            EnvFile cur = read(current);
            EnvFile tpl = read(template);
            Optional<EnvFile> old = Optional.ofNullable(base).map(EnvCommand::read);
            Map<String, VariableSpec> specs = manifest == null ? Map.of() : EnvManifestSection.read(manifest);
            String target = output == null ? current.toString() : output.toString();
            EnvMerge.Result result = EnvMerge.merge(cur, tpl, old, specs, target);
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            if (output == null) {
                out.print(new String(EnvWriter.toBytes(result.merged()), StandardCharsets.UTF_8));
                out.flush();
            } else {
                if (Files.exists(output)) {
                    Path backup = AtomicFiles.backup(output, Clock.systemUTC());
                    err.println("Kept the previous " + output + " as " + backup);
                }
                EnvWriter.write(result.merged(), output);
            }
            if (json) {
                out.println(json().writeValueAsString(reportJson(result.report())));
                out.flush();
            } else {
                printReport(err, result.report(), output);
            }
            err.flush();
            return ExitCode.OK;
        }

        static Map<String, Object> reportJson(EnvMerge.Report r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("added", r.added());
            m.put("removed", r.removed());
            m.put("renamed", r.renamed());
            m.put("kept", r.kept());
            m.put("defaultUpdated", r.defaultUpdated());
            List<Map<String, String>> conflicts = new ArrayList<>();
            for (EnvMerge.Conflict c : r.conflicts()) {
                Map<String, String> cm = new LinkedHashMap<>();
                cm.put("key", c.key());
                cm.put("kind", c.kind().name());
                cm.put("message", c.message());
                conflicts.add(cm);
            }
            m.put("conflicts", conflicts);
            return m;
        }

        static void printReport(PrintWriter err, EnvMerge.Report r, Path output) {
            err.println("Merged: " + r.kept().size() + " kept, " + r.added().size() + " added, "
                    + r.defaultUpdated().size() + " default updated, "
                    + r.renamed().size() + " renamed, "
                    + r.removed().size() + " not in the new template (kept at the end), "
                    + r.conflicts().size()
                    + " conflict(s)" + (output == null ? "" : "; written to " + output));
            list(err, "added", r.added());
            list(err, "default updated", r.defaultUpdated());
            r.renamed().forEach((o, n) -> err.println("  renamed: " + o + " -> " + n));
            list(err, "not in the new template", r.removed());
            for (EnvMerge.Conflict c : r.conflicts()) {
                err.println("  conflict: " + c.key() + ": " + c.message());
            }
        }

        private static void list(PrintWriter err, String what, List<String> keys) {
            if (!keys.isEmpty()) {
                err.println("  " + what + ": " + String.join(", ", keys));
            }
        }
    }

    /** {@code berth env docs}. */
    @Command(
            name = "docs",
            mixinStandardHelpOptions = true,
            description = "Lists the variables of an env template with their documentation, defaults (secrets"
                    + " masked), types and groups.")
    static final class Docs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Services services;

        @Option(names = "--template", required = true, paramLabel = "FILE", description = "The env template.")
        String templateArg;

        @Option(names = "--manifest", paramLabel = "FILE", description = "A berth.yaml whose env: section wins.")
        String manifestArg;

        @Option(names = "--json", description = "Print JSON on standard output.")
        boolean json;

        @CommandLine.Mixin
        HostOptions hostOptions;

        Docs(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            var paths = hostOptions.paths(services);
            Path template = paths.apply(templateArg);
            Path manifest = manifestArg == null ? null : paths.apply(manifestArg);
            Map<String, VariableSpec> specs = manifest == null ? Map.of() : EnvManifestSection.read(manifest);
            List<VariableDoc> docs = EnvDocs.extract(read(template), specs);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (VariableDoc d : docs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", d.name());
                    m.put("group", d.group());
                    m.put("docs", d.docs());
                    m.put("default", d.displayDefault());
                    m.put("type", d.type().name().toLowerCase(java.util.Locale.ROOT));
                    m.put("secret", d.secret());
                    m.put("required", d.required());
                    m.put("placeholder", d.placeholder());
                    m.put("optional", d.optional());
                    m.put(
                            "alternatives",
                            d.secret()
                                    ? d.alternatives().stream()
                                            .map(Secrets::mask)
                                            .toList()
                                    : d.alternatives());
                    m.put("line", d.line());
                    list.add(m);
                }
                out.println(json().writeValueAsString(list));
            } else {
                String group = null;
                for (VariableDoc d : docs) {
                    if (!d.group().equals(group)) {
                        group = d.group();
                        out.println();
                        out.println("[" + (group.isEmpty() ? "general" : group) + "]");
                    }
                    List<String> flags = new ArrayList<>();
                    flags.add(d.type().name().toLowerCase(java.util.Locale.ROOT));
                    if (d.secret()) {
                        flags.add("secret");
                    }
                    if (d.required()) {
                        flags.add("required");
                    }
                    if (d.optional()) {
                        flags.add("optional");
                    }
                    if (d.placeholder()) {
                        flags.add("placeholder: replace it");
                    }
                    out.println(d.name() + " = " + d.displayDefault() + "  (" + String.join(", ", flags) + ")");
                    for (String line : d.docs().split("\n")) {
                        if (!line.isBlank()) {
                            out.println("    " + line);
                        }
                    }
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
