package dev.berth.config.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the documentation an env template carries in its comments:
 *
 * <ul>
 *   <li>The comment block right above a variable (no blank line between) is its documentation; its
 *       inline comment is added.
 *   <li>Section headers start groups: banners ({@code # --- General ---}, {@code # ==== Basic
 *       Configuration ====}, {@code # –– DATABASE ––}), {@code # [[AUTH]]}, a block framed by bare
 *       {@code #} lines ({@code #\n# Basic options\n#}), a short one-line title standing alone, or a
 *       short one-line title right above a run of two or more variables ({@code # REDIS SETTINGS})
 *       or ending in "configuration", "settings", "options" ({@code # Kafka configuration}), or a
 *       {@code # Title} line over {@code ## text} lines.
 *       Free-standing prose (licence headers, introductions) is not a group.
 *   <li>Commented-out assignments ({@code #KEY=value}) are optional variables with their docs; when
 *       the key is also active, its commented-out values are listed as alternatives.
 *   <li>Secrets by name ({@link Secrets}) or spec; placeholders by value; the type guessed from the
 *       name and value; required from the docs ("required", "mandatory") or {@code ${X:?...}}.
 *   <li>A manifest {@link VariableSpec} wins over all of that: its description, its type (when not
 *       {@code STRING}), secret, required; variables only the manifest knows are added at the end.
 * </ul>
 */
public final class EnvDocs {
    private static final Pattern DECORATION_RUN = Pattern.compile("[-=#*~_–—+/\\\\]{3,}");
    private static final Pattern ONLY_DECORATION = Pattern.compile("[-=#*~_–—+/\\\\\\s]*");
    private static final Pattern BRACKET_TITLE = Pattern.compile("\\[\\[?\\s*([^\\]]+?)\\s*]]?");
    private static final Pattern SECTION_WORD =
            Pattern.compile("(?i).*\\b(configuration|config|settings|options|section)");
    private static final Pattern REQUIRED_WORD = Pattern.compile("(?i)\\b(required|mandatory)\\b");
    private static final Pattern NOT_REQUIRED = Pattern.compile("(?i)\\bnot required\\b|\\boptional\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i).*(change[-_ ]?me|change[-_ ]?it|change[-_ ]?this|replace[-_ ]?me|replace[-_ ]?this|<[^<>]+>|\\btodo\\b"
                    + "|\\bfixme\\b).*|your[-_ .].*|.*[-_.]your[-_.].*|x{3,}|\\*{3,}|generate[-_].*|example[-_ ]?(secret"
                    + "|password|token|key)|.*_here");
    private static final Pattern TRIVIAL_SECRET =
            Pattern.compile("(?i)secret|password|passw0rd|pass|admin|test|123456");
    private static final Pattern FLAG_NAME = Pattern.compile(
            "(.*_)?(ENABLE|ENABLED|DISABLE|DISABLED|USE|SKIP|ALLOW|DEBUG|FORCE)(_.*)?|.*_(TLS|SSL|STAGING|VERIFY)");
    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Pattern BOOL = Pattern.compile("(?i)true|false|yes|no|on|off");
    private static final Pattern URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern PATH = Pattern.compile("(/|\\./|\\.\\./|~/).*");

    private EnvDocs() {}

    /** The documented variables of {@code template}, without a manifest. */
    public static List<VariableDoc> extract(EnvFile template) {
        return extract(template, Map.of());
    }

    /** The documented variables of {@code template}, with the manifest's specs winning. */
    public static List<VariableDoc> extract(EnvFile template, Map<String, VariableSpec> specs) {
        Map<String, Builder> byName = new LinkedHashMap<>();
        List<EnvLine> lines = template.lines();
        String group = "";
        List<EnvLine.Comment> block = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            EnvLine l = lines.get(i);
            switch (l) {
                case EnvLine.Blank b -> {
                    Optional<String> title = standaloneTitle(block);
                    if (title.isPresent()) {
                        group = title.get();
                    }
                    block.clear();
                }
                case EnvLine.Comment c -> block.add(c);
                case EnvLine.Assignment a -> {
                    group = attach(
                            byName, block, group, lines, i, a.key(), a.rawValue(), a.inlineComment(), false, a.line());
                    block.clear();
                }
                case EnvLine.CommentedAssignment c -> {
                    group = attach(
                            byName, block, group, lines, i, c.key(), c.rawValue(), c.inlineComment(), true, c.line());
                    block.clear();
                }
                case EnvLine.Inherited in -> {
                    group = attach(byName, block, group, lines, i, in.key(), "", "", false, in.line());
                    block.clear();
                }
            }
        }
        List<VariableDoc> out = new ArrayList<>();
        for (Builder b : byName.values()) {
            out.add(b.build(specs.get(b.name)));
        }
        Map<String, VariableSpec> onlyInManifest = new TreeMap<>(specs);
        onlyInManifest.keySet().removeAll(byName.keySet());
        for (VariableSpec spec : onlyInManifest.values()) {
            Builder b = new Builder(spec.name(), "", "", spec.example().orElse(""), false, 0);
            out.add(b.build(spec));
        }
        return out;
    }

    private static String attach(
            Map<String, Builder> byName,
            List<EnvLine.Comment> block,
            String group,
            List<EnvLine> lines,
            int index,
            String key,
            String rawValue,
            String inlineComment,
            boolean commented,
            int line) {
        List<EnvLine.Comment> docLines = new ArrayList<>(block);
        String newGroup = group;
        int headerEnd = leadingHeaderEnd(docLines);
        if (headerEnd == 0 && isHashTitle(docLines)) {
            newGroup = docLines.getFirst().content();
            docLines = docLines.subList(1, docLines.size());
        } else if (headerEnd > 0) {
            newGroup = title(docLines.subList(0, headerEnd)).orElse(group);
            docLines = docLines.subList(headerEnd, docLines.size());
        } else if (docLines.size() == 1
                && isTitleLike(docLines.getFirst().content())
                && (startsRun(lines, index)
                        || SECTION_WORD.matcher(docLines.getFirst().content()).matches())) {
            newGroup = docLines.getFirst().content();
            docLines = List.of();
        }
        StringBuilder docs = new StringBuilder();
        for (EnvLine.Comment c : docLines) {
            if (!docs.isEmpty()) {
                docs.append('\n');
            }
            docs.append(c.content());
        }
        String inline = EnvSyntax.commentContent(inlineComment);
        if (!inline.isEmpty()) {
            docs.append(docs.isEmpty() ? "" : "\n").append(inline);
        }
        Builder existing = byName.get(key);
        if (existing == null) {
            byName.put(key, new Builder(key, newGroup, docs.toString(), rawValue, commented, line));
        } else if (commented) {
            existing.alternatives.add(rawValue);
            if (existing.docs.isEmpty()) {
                existing.docs = docs.toString();
            }
        } else {
            if (existing.optional) {
                existing.alternatives.add(existing.defaultValue);
                existing.optional = false;
                existing.line = line;
            }
            existing.defaultValue = rawValue;
            if (existing.docs.isEmpty()) {
                existing.docs = docs.toString();
            }
        }
        return newGroup;
    }

    /** Whether the entry at {@code index} is followed directly by another variable line. */
    private static boolean startsRun(List<EnvLine> lines, int index) {
        return index + 1 < lines.size()
                && (lines.get(index + 1) instanceof EnvLine.Assignment
                        || lines.get(index + 1) instanceof EnvLine.CommentedAssignment);
    }

    /** How many leading lines of an attached block are a section header (banner or [[TITLE]]). */
    private static int leadingHeaderEnd(List<EnvLine.Comment> block) {
        int end = 0;
        boolean sawTitle = false;
        for (int i = 0; i < block.size(); i++) {
            String c = block.get(i).content();
            boolean decoration = isDecoration(block.get(i).text());
            boolean banner = !decoration
                    && DECORATION_RUN.matcher(c).find()
                    && !stripDecoration(c).isEmpty();
            boolean bracket = BRACKET_TITLE.matcher(c).matches();
            if (decoration || banner || bracket) {
                end = i + 1;
                sawTitle |= banner || bracket;
            } else {
                break;
            }
        }
        return sawTitle ? end : 0;
    }

    /** The title of a block that stands alone (followed by a blank line), if it is a header. */
    private static Optional<String> standaloneTitle(List<EnvLine.Comment> block) {
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> decorated = title(block);
        if (decorated.isPresent()) {
            return decorated;
        }
        if (isHashTitle(block)) {
            return Optional.of(block.getFirst().content());
        }
        List<String> text = new ArrayList<>();
        for (EnvLine.Comment c : block) {
            if (!c.content().isEmpty()) {
                text.add(c.content());
            }
        }
        boolean framed = block.size() >= 3
                && block.getFirst().content().isEmpty()
                && block.getLast().content().isEmpty()
                && text.size() <= 2;
        if (framed && !text.isEmpty()) {
            return Optional.of(text.getFirst());
        }
        if (block.size() == 1 && text.size() == 1 && isTitleLike(text.getFirst())) {
            return Optional.of(text.getFirst());
        }
        return Optional.empty();
    }

    /** The title of a decorated block: banner text or [[TITLE]]; empty when the block has neither. */
    private static Optional<String> title(List<EnvLine.Comment> block) {
        boolean decorated = false;
        String title = null;
        for (EnvLine.Comment c : block) {
            String content = c.content();
            if (isDecoration(c.text())) {
                decorated = true;
                continue;
            }
            var bracket = BRACKET_TITLE.matcher(content);
            if (bracket.matches()) {
                return Optional.of(bracket.group(1));
            }
            if (DECORATION_RUN.matcher(content).find()) {
                decorated = true;
                String stripped = stripDecoration(content);
                if (title == null && !stripped.isEmpty()) {
                    title = stripped;
                }
            } else if (decorated && title == null && !content.isEmpty() && isTitleLike(content)) {
                title = content;
            }
        }
        return decorated && title != null ? Optional.of(title) : Optional.empty();
    }

    /** {@code # Title} followed by {@code ## text} lines: the single-hash line is a section title. */
    private static boolean isHashTitle(List<EnvLine.Comment> block) {
        if (block.size() < 2 || !isTitleLike(block.getFirst().content())) {
            return false;
        }
        int first = hashes(block.getFirst().text());
        for (EnvLine.Comment c : block.subList(1, block.size())) {
            if (hashes(c.text()) <= first) {
                return false;
            }
        }
        return true;
    }

    private static int hashes(String text) {
        String t = text.stripLeading();
        int n = 0;
        while (n < t.length() && t.charAt(n) == '#') {
            n++;
        }
        return n;
    }

    private static boolean isDecoration(String commentText) {
        String c = commentText.strip();
        return c.length() >= 4
                && ONLY_DECORATION.matcher(c).matches()
                && DECORATION_RUN.matcher(c).find();
    }

    private static String stripDecoration(String content) {
        return DECORATION_RUN.matcher(content).replaceAll(" ").strip();
    }

    private static boolean isTitleLike(String s) {
        return !s.isEmpty()
                && s.length() <= 40
                && Character.isLetter(s.codePointAt(0))
                && s.indexOf('=') < 0
                && !s.contains("://")
                && !s.endsWith(".")
                && !s.endsWith(",");
    }

    /** Whether {@code value} (decoded) looks like a stand-in to replace. */
    static boolean isPlaceholder(String value, boolean secret) {
        String v = value.strip();
        if (v.isEmpty()) {
            return false;
        }
        return PLACEHOLDER.matcher(v).matches()
                || (secret && TRIVIAL_SECRET.matcher(v).matches());
    }

    /** The type a value of this name most likely has. */
    static VariableType guessType(String name, String value) {
        String n = name.toUpperCase(Locale.ROOT);
        boolean portName = n.equals("PORT") || n.endsWith("_PORT") || n.startsWith("PORT_");
        if (portName && (value.isEmpty() || isPort(value))) {
            return VariableType.PORT;
        }
        if (value.isEmpty()) {
            if (n.endsWith("_URL") || n.endsWith("_URI") || n.endsWith("_ENDPOINT")) {
                return VariableType.URL;
            }
            if (n.endsWith("_PATH") || n.endsWith("_DIR") || n.endsWith("_FILE")) {
                return VariableType.PATH;
            }
            if (n.startsWith("ENABLE_") || n.startsWith("DISABLE_") || n.endsWith("_ENABLED")) {
                return VariableType.BOOL;
            }
            return VariableType.STRING;
        }
        if (BOOL.matcher(value).matches()) {
            return VariableType.BOOL;
        }
        if (INT.matcher(value).matches()) {
            boolean flagName = n.startsWith("ENABLE_")
                    || n.startsWith("DISABLE_")
                    || n.startsWith("USE_")
                    || n.startsWith("SKIP_")
                    || n.endsWith("_ENABLED")
                    || n.endsWith("_SSL")
                    || n.equals("DEBUG");
            return flagName && (value.equals("0") || value.equals("1")) ? VariableType.BOOL : VariableType.INT;
        }
        if (URL.matcher(value).matches()) {
            return VariableType.URL;
        }
        if (PATH.matcher(value).matches() && !value.contains(" ")) {
            return VariableType.PATH;
        }
        return VariableType.STRING;
    }

    private static boolean isPort(String v) {
        if (!INT.matcher(v).matches() || v.length() > 5) {
            return false;
        }
        int p = Integer.parseInt(v);
        return p >= 1 && p <= 65535;
    }

    private static final class Builder {
        final String name;
        final String group;
        String docs;
        String defaultValue;
        boolean optional;
        int line;
        final List<String> alternatives = new ArrayList<>();

        Builder(String name, String group, String docs, String defaultValue, boolean optional, int line) {
            this.name = name;
            this.group = group;
            this.docs = docs;
            this.defaultValue = defaultValue;
            this.optional = optional;
            this.line = line;
        }

        VariableDoc build(VariableSpec spec) {
            EnvLine.Assignment parsed = EnvFile.parseOne("X=" + defaultValue);
            String decoded = parsed == null ? defaultValue : parsed.value();
            boolean secret = Secrets.isSecret(name, spec);
            boolean required = (spec != null && spec.required())
                    || (REQUIRED_WORD.matcher(docs).find()
                            && !NOT_REQUIRED.matcher(docs).find())
                    || decoded.matches(".*\\$\\{" + Pattern.quote(name) + ":?\\?.*");
            VariableType type = guessType(name, decoded);
            String description = docs;
            if (spec != null) {
                if (spec.type() != VariableType.STRING) {
                    type = spec.type();
                }
                if (!spec.description().isEmpty()) {
                    description = spec.description();
                }
            }
            boolean placeholder = isPlaceholder(decoded, secret) || (required && !optional && decoded.isEmpty());
            return new VariableDoc(
                    name,
                    group,
                    description,
                    defaultValue,
                    type,
                    secret,
                    required,
                    placeholder,
                    optional,
                    alternatives,
                    line);
        }
    }
}
