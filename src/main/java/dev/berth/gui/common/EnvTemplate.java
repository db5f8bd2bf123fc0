package dev.berth.gui.common;

import dev.berth.config.env.EnvDocs;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.TemplateFinder;
import dev.berth.config.env.VariableDoc;
import dev.berth.config.env.VariableSpec;
import dev.berth.release.Manifest;
import dev.berth.release.TemplateSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The template of a release's {@code .env} with the documentation of its variables: what the env
 * forms are built from. Reads files: call it on a worker thread.
 *
 * @param template the template's path in the release ({@code .env.example})
 * @param docs the documented variables, the manifest's rules applied
 * @param specs the manifest's rules by name
 * @param secretNames names the manifest marks secret (besides those secret by name)
 */
public record EnvTemplate(
        String template, List<VariableDoc> docs, Map<String, VariableSpec> specs, Set<String> secretNames) {
    public EnvTemplate {
        docs = List.copyOf(docs);
        specs = Map.copyOf(specs);
        secretNames = Set.copyOf(secretNames);
    }

    /** The user file the forms edit. */
    public static final String ENV = ".env";

    /**
     * The template of {@code .env} in a release folder (or a pristine copy of one): the one the
     * manifest declares, else {@code .env.example} and its siblings, else a {@code .env} shipped as
     * is. Empty when the release has none (the app then has no variables to ask for); variables
     * only the manifest documents are still listed.
     */
    public static EnvTemplate of(Path releaseRoot, Manifest manifest) throws IOException {
        Map<String, String> declared = new LinkedHashMap<>();
        for (TemplateSpec t : manifest.templates()) {
            declared.put(t.file(), t.template());
        }
        Map<String, VariableSpec> specs = new LinkedHashMap<>();
        manifest.env().forEach(s -> specs.put(s.name(), s));
        Optional<String> template = Files.isDirectory(releaseRoot)
                ? TemplateFinder.pair(List.of(ENV), releaseRoot, declared).pairs().stream()
                        .findFirst()
                        .map(TemplateFinder.Pair::template)
                : Optional.empty();
        EnvFile file = template.isPresent() ? EnvParser.parse(releaseRoot.resolve(template.get())) : EnvFile.empty(ENV);
        return new EnvTemplate(template.orElse(""), EnvDocs.extract(file, specs), specs, manifest.secretNames());
    }

    /** The documentation of one variable. */
    public Optional<VariableDoc> doc(String name) {
        return docs.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
