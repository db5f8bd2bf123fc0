package dev.berth.config.env;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What is known about one environment variable: from a release manifest ({@code berth.yaml}
 * {@code env:} section), from the comments of an env template, or inferred from its name. The
 * manifest loader in {@code release} produces these; the env tools in {@code config} consume them.
 *
 * @param name the variable's name
 * @param description documentation shown to the user; empty when none
 * @param type the value's type
 * @param secret whether the value must be masked in every output
 * @param required whether an empty value is refused
 * @param example an example value, or empty
 * @param renamedFrom earlier names whose values carry over to this one
 * @param deprecated why the variable is deprecated, or empty when it is not
 * @param generate length of a random secret generated when the value is empty, or empty
 * @param choices the allowed values for {@link VariableType#ENUM}
 */
public record VariableSpec(
        String name,
        String description,
        VariableType type,
        boolean secret,
        boolean required,
        Optional<String> example,
        List<String> renamedFrom,
        Optional<String> deprecated,
        OptionalInt generate,
        List<String> choices) {

    public VariableSpec {
        renamedFrom = List.copyOf(renamedFrom);
        choices = List.copyOf(choices);
        description = description == null ? "" : description;
    }

    /** A plain string variable with no documentation. */
    public static VariableSpec of(String name) {
        return new VariableSpec(
                name,
                "",
                VariableType.STRING,
                false,
                false,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                OptionalInt.empty(),
                List.of());
    }
}
