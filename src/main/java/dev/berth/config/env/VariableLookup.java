package dev.berth.config.env;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where interpolation finds the value of a variable that a value refers to ({@code ${NAME}}):
 * the shell environment, the values of earlier env files, a test map. An empty result means the
 * variable is unset, which is not the same as set to the empty string.
 */
@FunctionalInterface
public interface VariableLookup {

    /** The value of {@code name}, or empty when it is unset. */
    Optional<String> find(String name);

    /** Finds nothing: every variable is unset. */
    static VariableLookup none() {
        return name -> Optional.empty();
    }

    /** Looks names up in a map; the map is read at lookup time, not copied. */
    static VariableLookup of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        return name -> Optional.ofNullable(values.get(name));
    }

    /** This lookup first, then {@code next} for names this one does not know. */
    default VariableLookup orElse(VariableLookup next) {
        Objects.requireNonNull(next, "next");
        return name -> {
            Optional<String> v = find(name);
            return v.isPresent() ? v : next.find(name);
        };
    }
}
