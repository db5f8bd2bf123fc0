package dev.berth.gui.common;

import dev.berth.config.env.EnvParser;
import dev.berth.config.env.VariableDoc;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.env.VariableType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One variable of an env form: its documentation from the template (and manifest), the value the
 * form started with, the value now, and what is wrong with it. Checking a value is a pure function
 * ({@link #check}), so the view's decorations and the model agree. FX-thread only.
 */
public final class EnvField {
    private static final Pattern INT = Pattern.compile("[-+]?\\d+");
    private static final List<String> TRUE = List.of("true", "yes", "on", "1");
    private static final List<String> FALSE = List.of("false", "no", "off", "0");

    /** What can be wrong with a value. Message keys are {@code env.problem.<kind>}. */
    public enum ProblemKind {
        REQUIRED,
        PLACEHOLDER,
        NOT_A_NUMBER,
        NOT_A_PORT,
        NOT_A_SWITCH,
        NOT_A_CHOICE,
        NOT_A_URL,
        LINE_BREAK
    }

    /**
     * A problem with a value.
     *
     * @param detail what the message needs besides the kind (the choices, the placeholder); never
     *     a secret value
     */
    public record Problem(ProblemKind kind, String detail) {}

    private final VariableDoc doc;
    private final List<String> choices;
    private final OptionalInt generate;
    private final String defaultValue;
    private final String initial;
    private final StringProperty value;
    private final ObjectBinding<Optional<Problem>> problem;

    /**
     * @param spec the manifest's rules for the variable, if it has any (choices, generated length)
     * @param initial the value the form starts with (decoded, as the app reads it)
     */
    public EnvField(VariableDoc doc, Optional<VariableSpec> spec, String initial) {
        this.doc = Objects.requireNonNull(doc, "doc");
        this.choices = spec.map(VariableSpec::choices).orElse(List.of());
        this.generate = spec.map(VariableSpec::generate).orElse(OptionalInt.empty());
        this.defaultValue = decode(doc.defaultValue());
        this.initial = Objects.requireNonNull(initial, "initial");
        this.value = new SimpleStringProperty(this, "value", initial);
        this.problem = Bindings.createObjectBinding(() -> check(value.get()), value);
    }

    /** The value of a template line as the app reads it: quotes removed, escapes resolved. */
    public static String decode(String rawValue) {
        String v = EnvParser.parse("template", "X=" + rawValue).values().get("X");
        return v == null ? rawValue : v;
    }

    public String name() {
        return doc.name();
    }

    public String group() {
        return doc.group();
    }

    /** The inline documentation; empty when the template and manifest have none. */
    public String docs() {
        return doc.docs();
    }

    public VariableType type() {
        return doc.type();
    }

    public boolean secret() {
        return doc.secret();
    }

    public boolean required() {
        return doc.required();
    }

    /** Whether the template's value is a stand-in the user must replace. */
    public boolean placeholder() {
        return doc.placeholder();
    }

    /** Whether the template only has the variable commented out (left at the app's default). */
    public boolean optional() {
        return doc.optional();
    }

    /** The allowed values, from the manifest; empty when any value goes. */
    public List<String> choices() {
        return choices;
    }

    /** The length of the secret Berth generates when the value is left empty, if it does. */
    public OptionalInt generateLength() {
        return generate;
    }

    /** The template's default as it may be shown: masked when secret. */
    public String defaultDisplay() {
        return doc.displayDefault();
    }

    /** The template's default, decoded. Secret when {@link #secret()}: never show it. */
    String defaultValue() {
        return defaultValue;
    }

    /** Other values the template offers in commented-out lines (not shown for secrets). */
    public List<String> alternatives() {
        return doc.secret() ? List.of() : doc.alternatives();
    }

    /** The value the form started with. */
    public String initial() {
        return initial;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public String value() {
        return value.get();
    }

    /** Whether the user changed the value. */
    public boolean changed() {
        return !value.get().equals(initial);
    }

    /** The first problem of the current value, or empty when it is fine. */
    public ObjectBinding<Optional<Problem>> problem() {
        return problem;
    }

    /** Whether a switch can show the value: a boolean word, or empty. */
    public boolean switchable() {
        return type() == VariableType.BOOL
                && (value.get().isEmpty() || parseBool(value.get()).isPresent());
    }

    /** The value as a switch state; false when empty or not a boolean word. */
    public boolean on() {
        return parseBool(value.get()).orElse(false);
    }

    /**
     * Sets a switch's state in the spelling the template uses ({@code true}/{@code false}, {@code
     * yes}/{@code no}, {@code 1}/{@code 0}, {@code on}/{@code off}, keeping upper case).
     */
    public void setOn(boolean on) {
        String style = !initial.isEmpty() && parseBool(initial).isPresent() ? initial : defaultValue;
        String lower = style.toLowerCase(Locale.ROOT);
        int pair = TRUE.indexOf(lower) >= 0 ? TRUE.indexOf(lower) : Math.max(0, FALSE.indexOf(lower));
        String word = on ? TRUE.get(pair) : FALSE.get(pair);
        boolean upper = !style.isEmpty() && style.equals(style.toUpperCase(Locale.ROOT)) && !style.matches("[01]");
        value.set(upper ? word.toUpperCase(Locale.ROOT) : word);
    }

    static Optional<Boolean> parseBool(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return Optional.of(true);
        }
        if (FALSE.contains(v)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** Whether the field matches a filter text (name or documentation, any case). */
    public boolean matches(String filter) {
        String f = filter.strip().toLowerCase(Locale.ROOT);
        return f.isEmpty()
                || name().toLowerCase(Locale.ROOT).contains(f)
                || docs().toLowerCase(Locale.ROOT).contains(f)
                || group().toLowerCase(Locale.ROOT).contains(f);
    }

    /**
     * What is wrong with {@code text} as this variable's value: a line break; empty where a value
     * is required (unless Berth generates it); the template's stand-in left in place; or a value
     * that is not of the variable's type. Values that refer to other variables ({@code ${X}}) are
     * not type-checked: compose fills them in.
     */
    public Optional<Problem> check(String text) {
        String v = text == null ? "" : text;
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\0') >= 0) {
            return problem(ProblemKind.LINE_BREAK, "");
        }
        if (v.isBlank()) {
            boolean generated = secret() && generate.isPresent();
            return required() && !generated ? problem(ProblemKind.REQUIRED, "") : Optional.empty();
        }
        if (placeholder() && v.equals(defaultValue)) {
            return problem(ProblemKind.PLACEHOLDER, secret() ? "" : defaultValue);
        }
        if (v.contains("${") || v.startsWith("$")) {
            return Optional.empty();
        }
        String s = v.strip();
        return switch (type()) {
            case STRING, PATH -> Optional.empty();
            case INT -> INT.matcher(s).matches() ? Optional.empty() : problem(ProblemKind.NOT_A_NUMBER, "");
            case PORT -> isPort(s) ? Optional.empty() : problem(ProblemKind.NOT_A_PORT, "");
            case BOOL -> parseBool(s).isPresent() ? Optional.empty() : problem(ProblemKind.NOT_A_SWITCH, "");
            case ENUM ->
                choices.isEmpty() || choices.contains(s)
                        ? Optional.empty()
                        : problem(ProblemKind.NOT_A_CHOICE, String.join(", ", choices));
            case URL -> isUrl(s) ? Optional.empty() : problem(ProblemKind.NOT_A_URL, "");
        };
    }

    private static Optional<Problem> problem(ProblemKind kind, String detail) {
        return Optional.of(new Problem(kind, detail));
    }

    private static boolean isPort(String s) {
        if (!s.matches("\\d{1,5}")) {
            return false;
        }
        int p = Integer.parseInt(s);
        return p >= 1 && p <= 65535;
    }

    private static boolean isUrl(String s) {
        try {
            URI u = new URI(s);
            return u.getScheme() != null
                    && u.getScheme().matches("[A-Za-z][A-Za-z0-9+.-]*")
                    && (u.getHost() != null || "file".equalsIgnoreCase(u.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "EnvField[" + name() + "=" + (secret() ? dev.berth.config.env.Secrets.mask(value.get()) : value.get())
                + "]";
    }
}
