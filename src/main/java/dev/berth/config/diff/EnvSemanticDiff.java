package dev.berth.config.diff;

import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvLine;
import dev.berth.config.env.VariableSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changes between two env files, by variable: added, removed, renamed, changed, or moved from
 * the old release's default to the new one. Used to preview an env merge (the user's file against
 * the merged file) and to show what a new release's template changes. Values are compared as Compose
 * reads them ({@code A=x}, {@code A="x"} and {@code A='x'} are equal) and shown masked where secret.
 * Thread-safe, no I/O.
 */
public final class EnvSemanticDiff {
    private final SecretMasker masker;
    private final Map<String, VariableSpec> specs;

    /**
     * @param masker judges names and masks values
     * @param specs what the manifest says about variables: renames ({@code renamedFrom}) and secrets
     */
    public EnvSemanticDiff(SecretMasker masker, Map<String, VariableSpec> specs) {
        this.masker = masker;
        this.specs = Map.copyOf(specs);
    }

    /** A diff with the default secret names and no manifest. */
    public static EnvSemanticDiff withDefaults() {
        return new EnvSemanticDiff(SecretMasker.withDefaultNames(), Map.of());
    }

    /**
     * The changes from {@code before} to {@code after}, in the order of {@code after} (removed
     * variables last, in the order of {@code before}).
     *
     * @param defaults the old and the new release's templates, when known: a value that goes from
     *     the old default to the new default is a {@link EnvChange.DefaultUpdated}, not a change of
     *     the user's
     */
    public List<EnvChange> diff(EnvFile before, EnvFile after, Optional<Templates> defaults) {
        Map<String, EnvLine.Assignment> old = lastAssignments(before);
        Map<String, EnvLine.Assignment> now = lastAssignments(after);
        Set<String> removed = new LinkedHashSet<>(old.keySet());
        removed.removeAll(now.keySet());
        Set<String> added = new LinkedHashSet<>(now.keySet());
        added.removeAll(old.keySet());
        Map<String, EnvChange.Renamed> renames = renames(old, now, removed, added);
        Set<String> renamedFrom = new HashSet<>();
        renames.values().forEach(r -> renamedFrom.add(r.from()));

        List<EnvChange> changes = new ArrayList<>();
        for (Map.Entry<String, EnvLine.Assignment> e : now.entrySet()) {
            String key = e.getKey();
            EnvLine.Assignment a = e.getValue();
            if (renames.containsKey(key)) {
                changes.add(renames.get(key));
            } else if (added.contains(key)) {
                changes.add(new EnvChange.Added(key, shown(key, a.value())));
            } else if (!old.get(key).sameValueAs(a)) {
                String[] pair = shownPair(key, old.get(key).value(), a.value());
                boolean fromDefault = defaults.isPresent() && defaults.get().isDefault(key, old.get(key), a);
                changes.add(
                        fromDefault
                                ? new EnvChange.DefaultUpdated(key, pair[0], pair[1])
                                : new EnvChange.Changed(key, pair[0], pair[1]));
            }
        }
        for (String key : removed) {
            if (!renamedFrom.contains(key)) {
                changes.add(new EnvChange.Removed(key, shown(key, old.get(key).value())));
            }
        }
        return List.copyOf(changes);
    }

    /**
     * The old and the new release's env templates.
     */
    public record Templates(EnvFile oldTemplate, EnvFile newTemplate) {
        /** Whether {@code before} is the old default and {@code after} the new one, and the default changed. */
        boolean isDefault(String key, EnvLine.Assignment before, EnvLine.Assignment after) {
            Optional<EnvLine.Assignment> oldDefault = oldTemplate.assignment(key);
            Optional<EnvLine.Assignment> newDefault = newTemplate.assignment(key);
            return oldDefault.isPresent()
                    && newDefault.isPresent()
                    && oldDefault.get().sameValueAs(before)
                    && newDefault.get().sameValueAs(after);
        }
    }

    /** The changes as text, one per line, for the command line and golden files. */
    public static String render(List<EnvChange> changes) {
        StringBuilder sb = new StringBuilder();
        for (EnvChange c : changes) {
            sb.append(c.describe()).append('\n');
        }
        return sb.toString();
    }

    private Map<String, EnvChange.Renamed> renames(
            Map<String, EnvLine.Assignment> old,
            Map<String, EnvLine.Assignment> now,
            Set<String> removed,
            Set<String> added) {
        Map<String, EnvChange.Renamed> renames = new LinkedHashMap<>();
        for (VariableSpec spec : specs.values()) {
            for (String from : spec.renamedFrom()) {
                if (removed.contains(from) && added.contains(spec.name()) && !renames.containsKey(spec.name())) {
                    renames.put(spec.name(), renamed(from, spec.name(), old, now, EnvChange.RenameEvidence.MANIFEST));
                }
            }
        }
        // guesses: same value and similar names, best word overlap first, each name used once
        record Guess(String from, String to, double score) {}
        List<Guess> guesses = new ArrayList<>();
        for (String to : added) {
            for (String from : removed) {
                if (!renames.containsKey(to)
                        && renames.values().stream().noneMatch(r -> r.from().equals(from))
                        && !old.get(from).value().isEmpty()
                        && old.get(from).sameValueAs(now.get(to))
                        && similarNames(from, to)) {
                    guesses.add(new Guess(from, to, overlap(from, to)));
                }
            }
        }
        guesses.sort(java.util.Comparator.comparingDouble(Guess::score).reversed());
        Set<String> usedFrom = new HashSet<>();
        for (Guess g : guesses) {
            boolean tie = guesses.stream()
                    .anyMatch(o -> o != g
                            && o.score() == g.score()
                            && (o.to().equals(g.to()) && !usedFrom.contains(o.from())
                                    || o.from().equals(g.from()) && !renames.containsKey(o.to())));
            if (!renames.containsKey(g.to()) && !usedFrom.contains(g.from()) && !tie) {
                renames.put(g.to(), renamed(g.from(), g.to(), old, now, EnvChange.RenameEvidence.SAME_VALUE_AND_NAME));
                usedFrom.add(g.from());
            }
        }
        return renames;
    }

    private EnvChange.Renamed renamed(
            String from,
            String to,
            Map<String, EnvLine.Assignment> old,
            Map<String, EnvLine.Assignment> now,
            EnvChange.RenameEvidence evidence) {
        boolean secret = isSecret(from) || isSecret(to);
        String before = old.get(from).value();
        String after = now.get(to).value();
        return new EnvChange.Renamed(
                from,
                to,
                secret ? masked(before) : masker.maskValue(to, before),
                secret ? masked(after) : masker.maskValue(to, after),
                old.get(from).sameValueAs(now.get(to)) ? EnvChange.ValueChange.KEPT : EnvChange.ValueChange.CHANGED,
                evidence);
    }

    /** Shared words over all words of the two names. */
    private static double overlap(String a, String b) {
        Set<String> wa = Set.of(a.split("_+"));
        Set<String> wb = Set.of(b.split("_+"));
        Set<String> all = new HashSet<>(wa);
        all.addAll(wb);
        return (double) (wa.size() + wb.size() - all.size()) / all.size();
    }

    /** One name's words hold all of the other's ({@code SECRET} and {@code OPENIM_SECRET}). */
    private static boolean similarNames(String a, String b) {
        Set<String> wa = Set.of(a.split("_+"));
        Set<String> wb = Set.of(b.split("_+"));
        return wa.containsAll(wb) || wb.containsAll(wa);
    }

    private static Map<String, EnvLine.Assignment> lastAssignments(EnvFile file) {
        Map<String, EnvLine.Assignment> out = new LinkedHashMap<>();
        for (EnvLine.Assignment a : file.assignments()) {
            out.remove(a.key());
            out.put(a.key(), a);
        }
        return out;
    }

    private boolean isSecret(String key) {
        VariableSpec spec = specs.get(key);
        return (spec != null && spec.secret()) || masker.isSecret(key);
    }

    private String shown(String key, String value) {
        return isSecret(key) ? masked(value) : masker.maskValue(key, value);
    }

    private static String masked(String value) {
        return value.isEmpty() ? "" : SecretMasker.MASK;
    }

    private String[] shownPair(String key, String before, String after) {
        return new String[] {shown(key, before), shown(key, after)};
    }
}
