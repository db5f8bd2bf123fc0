package dev.berth.release.apps;

import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvLine;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.env.VariableType;
import dev.berth.release.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's env file as it looks after installing a release and running it for a while: the
 * release's template with secrets set, ports, URLs and data paths changed, every value the
 * release requires filled in, some values left at the template's default (every third variable),
 * and a setting of the user's own.
 */
final class UserEdits {
    private UserEdits() {}

    /** The user's file made from {@code template}, for an install described by {@code manifest}. */
    static EnvFile of(EnvFile template, Manifest manifest) {
        Map<String, VariableSpec> specs = Profiles.specs(manifest);
        EnvFile f = template;
        List<String> keys =
                new ArrayList<>(new LinkedHashSet<>(template.values().keySet()));
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            VariableSpec spec = specs.get(key);
            boolean required = spec != null && spec.required();
            if (i % 3 == 0 && !required && !isSecret(key, spec)) {
                continue; // left at the template's default
            }
            f = f.withValue(key, edited(key, spec, i));
        }
        String text = f.text();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        StringBuilder extra = new StringBuilder();
        for (VariableSpec v : manifest.env()) {
            // The install ran, so whatever its release required was set, in the file or added to it.
            if (v.required() && template.assignment(v.name()).isEmpty()) {
                extra.append(v.name())
                        .append('=')
                        .append(edited(v.name(), v, 99))
                        .append('\n');
            }
        }
        extra.append("\n# My own setting\nBERTH_USER_SETTING=kept\n");
        return EnvParser.parse("user.env", text + extra);
    }

    static boolean isSecret(String key, VariableSpec spec) {
        String k = key.toUpperCase(Locale.ROOT);
        return (spec != null && spec.secret()) || k.contains("PASSWORD") || k.contains("SECRET") || k.endsWith("_KEY");
    }

    static String edited(String key, VariableSpec spec, int i) {
        String k = key.toUpperCase(Locale.ROOT);
        VariableType type = spec == null ? VariableType.STRING : spec.type();
        if (isSecret(key, spec)) {
            return "user-secret-" + key.toLowerCase(Locale.ROOT) + "-" + i;
        }
        if (type == VariableType.PORT || k.endsWith("_PORT") || k.equals("PORT")) {
            return String.valueOf(20000 + i);
        }
        if (type == VariableType.URL || k.endsWith("_URL") || k.equals("URL")) {
            return "https://berth-user-" + i + ".example.org";
        }
        if (type == VariableType.PATH || k.endsWith("_PATH") || k.endsWith("_DIR") || k.equals("CONFIG")) {
            return "/srv/berth-user/" + key.toLowerCase(Locale.ROOT);
        }
        if (spec != null && !spec.choices().isEmpty()) {
            return spec.choices().getLast();
        }
        return "user-" + i;
    }

    /** The last active assignment of each key. */
    static Map<String, EnvLine.Assignment> assignments(EnvFile f) {
        Map<String, EnvLine.Assignment> out = new java.util.LinkedHashMap<>();
        f.assignments().forEach(a -> out.put(a.key(), a));
        return out;
    }
}
