package dev.berth.config.env;

import java.util.List;
import java.util.Objects;

/**
 * One variable as a template documents it (see {@link EnvDocs}).
 *
 * @param name the variable's name
 * @param group the section it is in (from a banner like {@code # --- Database ---}), or empty
 * @param docs the comment block right above it plus its inline comment, or the manifest's
 *     description; empty when none
 * @param defaultValue the value the template gives, as written ({@code "quoted"} stays quoted); for
 *     an optional variable the value of its commented-out line. Secret when {@link #secret()}:
 *     show it only through {@link #displayDefault()}
 * @param type the value's type: from the manifest, else guessed from the name and the default
 * @param secret whether the value must be masked
 * @param required whether a value must be given (manifest, "required" in the docs, {@code ${X:?}})
 * @param placeholder whether the default is a stand-in to replace ({@code changeme}, {@code
 *     <your-domain>}, {@code xxx}, empty where required...)
 * @param optional whether the template only has it commented out ({@code #KEY=value})
 * @param alternatives other values the template offers in commented-out lines, as written
 * @param line 1-based line in the template, 0 for a variable only the manifest knows
 */
public record VariableDoc(
        String name,
        String group,
        String docs,
        String defaultValue,
        VariableType type,
        boolean secret,
        boolean required,
        boolean placeholder,
        boolean optional,
        List<String> alternatives,
        int line) {

    public VariableDoc {
        Objects.requireNonNull(name, "name");
        alternatives = List.copyOf(alternatives);
    }

    /** The default as it may be shown: masked when secret, URL passwords masked. */
    public String displayDefault() {
        return secret ? Secrets.mask(defaultValue) : Secrets.maskUrlPasswords(defaultValue);
    }

    @Override
    public String toString() {
        return "VariableDoc[name=" + name + ", group=" + group + ", default=" + displayDefault() + ", type=" + type
                + ", secret=" + secret + ", required=" + required + ", placeholder=" + placeholder + ", optional="
                + optional + ", line=" + line + "]";
    }
}
