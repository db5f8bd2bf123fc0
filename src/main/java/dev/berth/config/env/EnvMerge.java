package dev.berth.config.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Merges a user's env file into the env template of a new release.
 *
 * <ul>
 *   <li>The result follows the new template line by line: its order, comments, blank lines and line
 *       endings.
 *   <li>A key the user has keeps the user's value byte for byte (quotes included), written into the
 *       template's line (its indent and inline comment kept).
 *   <li>With the old template ({@code base}): a key whose value equals the old default takes the
 *       new default when the default changed ("default updated"); a value the user changed is kept,
 *       and when the default changed too that is reported as a conflict.
 *   <li>A key renamed ({@link VariableSpec#renamedFrom()}) carries the user's value to the new name;
 *       the old name does not stay active; a {@code # berth: ...} comment above the new name records
 *       the rename, and is kept by later merges.
 *   <li>Keys of the user that the new template lacks are never dropped: they are appended, each with
 *       the comment block that was right above it, under a header saying they are not in the new
 *       template. A commented-out template line ({@code #KEY=value}) whose key the user has set
 *       becomes an active line with the user's value.
 *   <li>Conflicts are reported, never silently resolved: a value changed by the user and by the
 *       template, a key set twice with different values, a renamed key set under both names with
 *       different values.
 *   <li>Idempotent: merging the result again with the same template as template and base gives the
 *       same bytes.
 * </ul>
 *
 * Reports never hold values of secret variables ({@link Secrets}).
 */
public final class EnvMerge {
    /** Marks the comment lines Berth writes into merged files. */
    public static final String NOTE_PREFIX = "# berth: ";

    static final List<String> EXTRAS_HEADER = List.of(
            "# ----------------------------------------------------------------------------",
            NOTE_PREFIX + "kept from your previous env file",
            "# These variables are set in your previous env file, but the new template does",
            "# not have them. Berth kept them so that nothing is lost; remove them once you",
            "# know that the new release no longer reads them.",
            "# ----------------------------------------------------------------------------");

    private EnvMerge() {}

    /** What kind of conflict a merge found. */
    public enum ConflictKind {
        /** The user changed the value and the new template changed the default. */
        CHANGED_IN_BOTH,
        /** The current file sets the key more than once, with different values. */
        DUPLICATE_IN_CURRENT,
        /** A renamed key is set under its old and its new name, with different values. */
        RENAMED_KEY_SET_TWICE
    }

    /** How a value that comes from the environment (a bare {@code KEY} line) is shown in {@link Conflict#facts()}. */
    public static final String INHERITED = "inherited from the environment";

    /**
     * A decision the merge could not make for the user; the message says what was kept, in English.
     *
     * @param facts what the message is made of, for a front end that says it in another language
     *     (values as shown: quoted and masked when secret, or {@link #INHERITED}): {@code
     *     DUPLICATE_IN_CURRENT}: key, times, file, last line, then every line; {@code
     *     RENAMED_KEY_SET_TWICE}: old name, new name, file, the old name's value; {@code
     *     CHANGED_IN_BOTH}: key, the user's value, the old default, the new default
     */
    public record Conflict(
            String key,
            ConflictKind kind,
            String message,
            @com.fasterxml.jackson.annotation.JsonIgnore List<String> facts) {
        public Conflict {
            facts = List.copyOf(facts);
        }
    }

    /**
     * What the merge did, by key.
     *
     * @param added keys of the new template the user did not have: they take the template's value
     * @param removed keys of the user that the new template lacks: kept at the end of the file
     * @param renamed old name to new name, for values carried to a new name
     * @param kept keys whose user value was kept
     * @param defaultUpdated keys that still had the old default and now have the new one
     * @param conflicts what the user should look at
     */
    public record Report(
            List<String> added,
            List<String> removed,
            Map<String, String> renamed,
            List<String> kept,
            List<String> defaultUpdated,
            List<Conflict> conflicts) {
        public Report {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            renamed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renamed));
            kept = List.copyOf(kept);
            defaultUpdated = List.copyOf(defaultUpdated);
            conflicts = List.copyOf(conflicts);
        }
    }

    /** The merged file and what was done. */
    public record Result(EnvFile merged, Report report) {}

    /**
     * Merges {@code current} into {@code template}.
     *
     * @param current the user's env file
     * @param template the new release's template
     * @param base the old release's template, when known: it tells which values are still defaults
     * @param specs what the manifest says about variables (renames come from {@code renamedFrom})
     * @param mergedSource the name of the merged file, for messages
     */
    public static Result merge(
            EnvFile current,
            EnvFile template,
            Optional<EnvFile> base,
            Map<String, VariableSpec> specs,
            String mergedSource) {
        return new Run(current, template, base, specs).run(mergedSource);
    }

    /** The user's entry for a target key: where it came from and the notes above it. */
    private record UserValue(String fromKey, EnvLine entry, int index) {}

    private static final class Run {
        final EnvFile current;
        final EnvFile template;
        final Optional<EnvFile> base;
        final Map<String, VariableSpec> specs;
        final String eol;
        final StringBuilder out = new StringBuilder();

        final Map<String, UserValue> user = new LinkedHashMap<>();
        final Map<String, List<String>> notes = new LinkedHashMap<>();
        final Set<String> placed = new LinkedHashSet<>();
        final List<String> added = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final Map<String, String> renamed = new LinkedHashMap<>();
        final List<String> kept = new ArrayList<>();
        final List<String> defaultUpdated = new ArrayList<>();
        final List<Conflict> conflicts = new ArrayList<>();

        Run(EnvFile current, EnvFile template, Optional<EnvFile> base, Map<String, VariableSpec> specs) {
            this.current = current;
            this.template = template;
            this.base = base;
            this.specs = specs;
            this.eol = template.lines().isEmpty() ? current.lineEnding() : template.lineEnding();
        }

        Result run(String mergedSource) {
            collectUserValues();
            Set<String> templateActive = new LinkedHashSet<>();
            for (EnvLine l : template.lines()) {
                if (l instanceof EnvLine.Assignment a) {
                    templateActive.add(a.key());
                } else if (l instanceof EnvLine.Inherited i) {
                    templateActive.add(i.key());
                }
            }
            for (EnvLine l : template.lines()) {
                switch (l) {
                    case EnvLine.Blank b -> emit(b);
                    case EnvLine.Comment c -> emit(c);
                    case EnvLine.Assignment a -> placeActive(a.key(), a, l);
                    case EnvLine.Inherited i -> placeActive(i.key(), null, l);
                    case EnvLine.CommentedAssignment c -> {
                        if (!templateActive.contains(c.key())
                                && user.containsKey(c.key())
                                && !placed.contains(c.key())) {
                            UserValue u = user.get(c.key());
                            emitNotes(c.key(), List.of());
                            if (u.entry() instanceof EnvLine.Assignment ua) {
                                String text = EnvFile.activatedText(
                                        c, ua.rawValue(), EnvFile.assignmentOf(c.key(), ua.rawValue()));
                                out.append(text).append(c.eol());
                            } else {
                                out.append(u.entry().text()).append(c.eol());
                            }
                            placed.add(c.key());
                            kept.add(c.key());
                        } else {
                            emit(c);
                        }
                    }
                }
            }
            appendExtras();
            EnvFile parsed = EnvParser.parse(mergedSource, out.toString());
            EnvFile merged = new EnvFile(mergedSource, template.bom(), parsed.lines());
            return new Result(merged, new Report(added, removed, renamed, kept, defaultUpdated, conflicts));
        }

        private void collectUserValues() {
            Map<String, String> renameTo = new LinkedHashMap<>();
            for (VariableSpec spec : specs.values()) {
                for (String old : spec.renamedFrom()) {
                    renameTo.put(old, spec.name());
                }
            }
            List<EnvLine> lines = current.lines();
            Map<String, Integer> lastIndex = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i) instanceof EnvLine.Assignment a) {
                    lastIndex.put(a.key(), i);
                } else if (lines.get(i) instanceof EnvLine.Inherited in) {
                    lastIndex.put(in.key(), i);
                }
            }
            for (EnvFile.Duplicate d : current.duplicates()) {
                if (!allSame(d.key())) {
                    conflicts.add(new Conflict(
                            d.key(),
                            ConflictKind.DUPLICATE_IN_CURRENT,
                            d.key() + " is set " + d.lines().size() + " times in " + current.source() + " (lines "
                                    + join(d.lines()) + ") with different values; Compose uses the last one (line "
                                    + d.lines().getLast() + "), so that one was kept. Check which value is meant.",
                            duplicateFacts(d)));
                }
            }
            for (Map.Entry<String, Integer> e : lastIndex.entrySet()) {
                String key = e.getKey();
                EnvLine entry = lines.get(e.getValue());
                String target = renameTo.getOrDefault(key, key);
                if (!target.equals(key)) {
                    if (lastIndex.containsKey(target)) {
                        EnvLine other = lines.get(lastIndex.get(target));
                        if (!sameValue(entry, other)) {
                            conflicts.add(new Conflict(
                                    target,
                                    ConflictKind.RENAMED_KEY_SET_TWICE,
                                    key + " was renamed to " + target + ", and " + current.source()
                                            + " sets both with different values; the value of " + target
                                            + " was kept and the value of " + key + " ("
                                            + shown(key, entry) + ") was not carried over. Check which value is"
                                            + " meant.",
                                    List.of(key, target, current.source(), shown(key, entry))));
                        }
                        renamed.put(key, target);
                        addNote(
                                target,
                                NOTE_PREFIX + key + " was renamed to " + target + "; " + target
                                        + " was already set, so the value of " + key + " was not carried over");
                        continue;
                    }
                    renamed.put(key, target);
                    addNote(target, NOTE_PREFIX + key + " was renamed to " + target + "; its value was carried over");
                }
                user.put(target, new UserValue(key, entry, e.getValue()));
                for (String note : carriedNotes(e.getValue())) {
                    addNote(target, note);
                }
            }
            // A note carried from an earlier merge goes first; the order of first appearance is kept.
        }

        private boolean allSame(String key) {
            EnvLine.Assignment first = null;
            for (EnvLine.Assignment a : current.assignments()) {
                if (a.key().equals(key)) {
                    if (first == null) {
                        first = a;
                    } else if (!first.sameValueAs(a)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The {@code # berth:} notes directly above entry {@code index} of the current file. */
        private List<String> carriedNotes(int index) {
            List<String> found = new ArrayList<>();
            for (int i = index - 1; i >= 0; i--) {
                if (current.lines().get(i) instanceof EnvLine.Comment c
                        && c.text().startsWith(NOTE_PREFIX)) {
                    found.addFirst(c.text());
                } else {
                    break;
                }
            }
            return found;
        }

        private void addNote(String key, String note) {
            List<String> list = notes.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.contains(note)) {
                list.add(note);
            }
        }

        private void placeActive(String key, EnvLine.Assignment templateLine, EnvLine line) {
            UserValue u = user.get(key);
            if (u == null) {
                emit(line);
                if (!added.contains(key) && !placed.contains(key)) {
                    added.add(key);
                }
                return;
            }
            boolean first = placed.add(key);
            if (first) {
                emitNotes(key, List.of());
            }
            if (templateLine != null && u.entry() instanceof EnvLine.Assignment ua) {
                Optional<EnvLine.Assignment> old = base.flatMap(b -> b.assignment(key));
                if (old.isPresent() && ua.sameValueAs(old.get()) && !old.get().sameValueAs(templateLine)) {
                    emit(line);
                    if (first) {
                        defaultUpdated.add(key);
                    }
                    return;
                }
                if (first
                        && old.isPresent()
                        && !ua.sameValueAs(old.get())
                        && !old.get().sameValueAs(templateLine)
                        && !ua.sameValueAs(templateLine)) {
                    conflicts.add(new Conflict(
                            key,
                            ConflictKind.CHANGED_IN_BOTH,
                            "you changed " + key + " (now " + shown(key, ua) + ") and the new template changed its"
                                    + " default from " + shown(key, old.get()) + " to " + shown(key, templateLine)
                                    + "; your value was kept. Check whether the new default matters to you.",
                            List.of(key, shown(key, ua), shown(key, old.get()), shown(key, templateLine))));
                }
                String text =
                        EnvFile.replacedText(templateLine, ua.rawValue(), EnvFile.assignmentOf(key, ua.rawValue()));
                out.append(text).append(line.eol());
            } else if (u.entry() instanceof EnvLine.Assignment ua) {
                out.append(key).append('=').append(ua.rawValue()).append(line.eol());
            } else {
                out.append(u.entry().text()).append(line.eol());
            }
            if (first) {
                kept.add(key);
            }
        }

        private void emitNotes(String key, List<String> skip) {
            for (String note : notes.getOrDefault(key, List.of())) {
                if (!skip.contains(note)) {
                    out.append(note).append(eol);
                }
            }
        }

        private void appendExtras() {
            List<String> extras = new ArrayList<>();
            for (String key : user.keySet()) {
                if (!placed.contains(key)) {
                    extras.add(key);
                }
            }
            if (extras.isEmpty()) {
                return;
            }
            if (!template.lines().isEmpty() && template.lines().getLast().eol().isEmpty()) {
                out.append(eol);
            }
            if (!out.isEmpty() && !endsWithBlankLine()) {
                out.append(eol);
            }
            for (String h : EXTRAS_HEADER) {
                out.append(h).append(eol);
            }
            for (String key : extras) {
                UserValue u = user.get(key);
                out.append(eol);
                List<String> docs = docsAbove(u.index());
                for (String d : docs) {
                    out.append(d).append(eol);
                }
                emitNotes(key, docs);
                if (u.fromKey().equals(key)) {
                    out.append(u.entry().text()).append(eol);
                    removed.add(key);
                } else if (u.entry() instanceof EnvLine.Assignment ua) {
                    out.append(key).append('=').append(ua.rawValue()).append(eol);
                } else {
                    out.append(key).append(eol);
                }
                placed.add(key);
            }
        }

        private boolean endsWithBlankLine() {
            String s = out.toString();
            return s.endsWith("\n\n") || s.endsWith("\r\n\r\n");
        }

        /** The comment block right above entry {@code index} of the current file (not Berth's header). */
        private List<String> docsAbove(int index) {
            List<String> docs = new ArrayList<>();
            for (int i = index - 1; i >= 0; i--) {
                if (current.lines().get(i) instanceof EnvLine.Comment c && !EXTRAS_HEADER.contains(c.text())) {
                    docs.addFirst(c.text());
                } else {
                    break;
                }
            }
            return docs;
        }

        private void emit(EnvLine l) {
            out.append(l.text()).append(l.eol());
        }

        private String shown(String key, EnvLine entry) {
            if (!(entry instanceof EnvLine.Assignment a)) {
                return INHERITED;
            }
            return "\"" + Secrets.display(key, a.value(), specs.get(key)) + "\"";
        }

        private static boolean sameValue(EnvLine a, EnvLine b) {
            if (a instanceof EnvLine.Assignment x && b instanceof EnvLine.Assignment y) {
                return x.sameValueAs(y);
            }
            return Objects.equals(a.getClass(), b.getClass());
        }

        private List<String> duplicateFacts(EnvFile.Duplicate d) {
            List<String> facts = new ArrayList<>(List.of(
                    d.key(),
                    String.valueOf(d.lines().size()),
                    current.source(),
                    String.valueOf(d.lines().getLast())));
            d.lines().forEach(l -> facts.add(String.valueOf(l)));
            return facts;
        }

        private static String join(List<Integer> lines) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                sb.append(i == 0 ? "" : i == lines.size() - 1 ? " and " : ", ").append(lines.get(i));
            }
            return sb.toString();
        }
    }
}
