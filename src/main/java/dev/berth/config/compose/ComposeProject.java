package dev.berth.config.compose;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded compose project, like the output of {@code docker compose config}.
 *
 * @param workingDirectory the project directory, absolute; relative paths were resolved against it
 * @param files the compose files merged, in order
 * @param variables the interpolation variables used (may hold secrets: never log the values)
 * @param warnings what compose would warn about (unset variables, obsolete {@code version})
 * @param tree the resolved model as plain values (ordered maps, lists, strings, numbers, booleans):
 *     files merged, interpolated, anchors and merge keys resolved, {@code x-*} dropped, short
 *     syntax in long form, env files merged into {@code environment}; for JSON/YAML output and for
 *     what the typed model does not cover
 * @param model the typed model
 */
public record ComposeProject(
        Path workingDirectory,
        List<Path> files,
        Map<String, String> variables,
        List<String> warnings,
        Map<String, Object> tree,
        ComposeModel model) {
    public ComposeProject {
        files = List.copyOf(files);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        warnings = List.copyOf(warnings);
        tree = Collections.unmodifiableMap(tree);
    }

    /** toString without variable values or the tree (both may hold secrets). */
    @Override
    public String toString() {
        return "ComposeProject[workingDirectory=" + workingDirectory + ", files=" + files + ", variables="
                + variables.keySet() + ", services=" + model.services().keySet() + "]";
    }
}
