package dev.berth.gui.common;

import dev.berth.config.env.VariableDoc;
import dev.berth.config.env.VariableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The environment variables of an app as a form: grouped by the template's sections, each field
 * with its documentation and live validation. The install wizard starts it from the template's
 * defaults, the upgrade wizard with the release's new variables, configure from the install's
 * {@code .env}. {@link #answers()} is what the engine's planners take. FX-thread only.
 */
public final class EnvFormModel {
    private final List<EnvField> fields;
    private final Map<String, EnvField> byName = new LinkedHashMap<>();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final IntegerBinding problemCount;
    private final BooleanBinding valid;

    public EnvFormModel(List<EnvField> fields) {
        this.fields = List.copyOf(fields);
        this.fields.forEach(f -> byName.put(f.name(), f));
        Observable[] deps = this.fields.stream().map(EnvField::problem).toArray(Observable[]::new);
        problemCount = Bindings.createIntegerBinding(
                () -> (int) this.fields.stream()
                        .filter(f -> f.problem().get().isPresent())
                        .count(),
                deps);
        valid = problemCount.isEqualTo(0);
    }

    /**
     * A form over the documented variables that {@code include} accepts.
     *
     * @param specs the manifest's rules by name (choices, generated secrets)
     * @param current values the form starts with (decoded); a variable without one starts at the
     *     template's default, or empty when the template only has it commented out
     */
    public static EnvFormModel of(
            List<VariableDoc> docs,
            Map<String, VariableSpec> specs,
            Map<String, String> current,
            Predicate<String> include) {
        List<EnvField> out = new ArrayList<>();
        for (VariableDoc d : docs) {
            if (!include.test(d.name())) {
                continue;
            }
            String initial = current.containsKey(d.name())
                    ? current.get(d.name())
                    : d.optional() ? "" : EnvField.decode(d.defaultValue());
            out.add(new EnvField(d, Optional.ofNullable(specs.get(d.name())), initial));
        }
        return new EnvFormModel(out);
    }

    public List<EnvField> fields() {
        return fields;
    }

    public Optional<EnvField> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The groups in template order; "" is the group of variables before any section header. */
    public List<String> groups() {
        LinkedHashSet<String> g = new LinkedHashSet<>();
        fields.forEach(f -> g.add(f.group()));
        return List.copyOf(g);
    }

    public List<EnvField> inGroup(String group) {
        return fields.stream().filter(f -> f.group().equals(group)).toList();
    }

    /** Text that narrows the fields shown to those whose name, section or docs contain it. */
    public StringProperty filterProperty() {
        return filter;
    }

    public IntegerBinding problemCount() {
        return problemCount;
    }

    /** True when no field has a problem. */
    public BooleanBinding valid() {
        return valid;
    }

    /** The first field with a problem, to move the focus there. */
    public Optional<EnvField> firstProblem() {
        return fields.stream().filter(f -> f.problem().get().isPresent()).findFirst();
    }

    /** The values the user changed, by name, in form order: the answers a planner takes. */
    public Map<String, String> answers() {
        Map<String, String> a = new LinkedHashMap<>();
        for (EnvField f : fields) {
            if (f.changed()) {
                a.put(f.name(), f.value());
            }
        }
        return a;
    }

    /** Whether the form holds no variables at all. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
