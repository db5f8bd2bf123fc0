package dev.berth.release;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The {@code config_version:} rule: the release only runs with a config file whose version key has
 * this value (OpenIM's "config carries a version number; the program refuses to start when it does
 * not match"). Berth checks the install's file after merging and before starting.
 *
 * @param file the config file, relative to the install folder
 * @param key a dotted path into a YAML/JSON file ({@code version}, {@code app.config_version}) or
 *     a variable name in an env file
 * @param value the value the release needs, compared as text
 */
public record ConfigVersionRule(String file, String key, String value) {

    /** The outcome of a check. */
    public sealed interface Check {
        /** What to tell the user. */
        String message();
    }

    /** The file holds the value the release needs. */
    public record Matches(String message) implements Check {}

    /** Why a file does not have the value the release needs. */
    public enum Reason {
        /** The install has no such file. */
        MISSING,
        /** The file is not YAML that Berth can read. */
        UNREADABLE,
        /** The file does not set the key. */
        NO_KEY,
        /** The file sets the key to another value. */
        OTHER_VALUE
    }

    /**
     * The file is missing, unreadable or holds another value.
     *
     * @param found the value found, if any
     * @param detail the parser's first line for {@code UNREADABLE}, else ""
     * @param message what to tell the user, in English
     */
    public record Mismatch(Reason reason, Optional<String> found, String detail, String message) implements Check {}

    /**
     * Checks the install's current content of {@link #file}.
     *
     * @param content the file's text, or empty when the install has no such file
     */
    public Check check(Optional<String> content) {
        String need = file + " must have " + key + ": " + value;
        if (content.isEmpty()) {
            return new Mismatch(
                    Reason.MISSING,
                    Optional.empty(),
                    "",
                    file + " is missing; this release needs it with " + key + ": " + value
                            + ". Create it from the release's template (berth upgrade does) and start again.");
        }
        Optional<String> found;
        try {
            found = TemplateFormat.ofFileName(file) == TemplateFormat.ENV
                    ? envValue(content.get())
                    : yamlValue(content.get());
        } catch (YamlEngineException e) {
            return new Mismatch(
                    Reason.UNREADABLE,
                    Optional.empty(),
                    firstLine(e.getMessage()),
                    file + " could not be read as YAML (" + firstLine(e.getMessage()) + "), so its " + key
                            + " could not be checked; " + need + ". Fix the file and retry.");
        }
        if (found.isEmpty()) {
            return new Mismatch(
                    Reason.NO_KEY,
                    Optional.empty(),
                    "",
                    file + " has no " + key + "; " + need
                            + ". Merge the release's template into it (berth upgrade does) or add the key.");
        }
        if (found.get().strip().equals(value.strip())) {
            return new Matches(file + ": " + key + " is " + value + " as this release needs");
        }
        return new Mismatch(
                Reason.OTHER_VALUE,
                found,
                "",
                file + ": " + key + " is " + found.get().strip() + " but this release needs " + value
                        + "; merge the release's template into it (berth upgrade does) or update it by hand.");
    }

    private Optional<String> yamlValue(String text) {
        Object root = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(text);
        Object node = root;
        for (String part : key.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            node = map.get(part);
            if (node == null && part.matches("\\d+")) {
                node = map.get(Integer.valueOf(part));
            }
        }
        if (node == null || node instanceof Map<?, ?> || node instanceof List<?>) {
            return Optional.empty();
        }
        return Optional.of(node.toString());
    }

    private Optional<String> envValue(String text) {
        Optional<String> found = Optional.empty();
        for (String raw : text.split("\r?\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (line.startsWith("#")
                    || eq <= 0
                    || !line.substring(0, eq).strip().equals(key)) {
                continue;
            }
            String v = line.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) && v.indexOf(v.charAt(0), 1) > 0) {
                v = v.substring(1, v.indexOf(v.charAt(0), 1));
            } else {
                int hash = v.indexOf(" #");
                v = (hash >= 0 ? v.substring(0, hash) : v).strip();
            }
            found = Optional.of(v); // the last definition wins, as in compose
        }
        return found;
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return (nl >= 0 ? t.substring(0, nl) : t).toLowerCase(Locale.ROOT);
    }
}
