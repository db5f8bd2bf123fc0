package dev.berth.backup;

import java.io.File;
import java.util.regex.Pattern;

/** The layout of a {@code .berth} archive: names, sections and the rules every entry name follows. */
final class ArchiveFormat {
    /** The format version this Berth writes and the newest it reads. */
    static final int FORMAT_VERSION = 1;

    static final String FORMAT_NAME = "berth-backup";
    /** Magic of the zstd skippable frame that holds the {@link BackupHeader} (any of 0x184D2A50..5F). */
    static final int HEADER_MAGIC = 0x184D2A5B;

    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final String MANIFEST = "manifest.json";
    static final String FILES = "files";
    static final String DATA = "data";
    static final String VOLUMES = "volumes";
    static final String DATABASES = "databases";
    static final String EXTENSION = ".berth";
    static final String SIDECAR_SUFFIX = ".json";
    static final String VERIFIED_SUFFIX = ".verified";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    private ArchiveFormat() {}

    static String berthVersion() {
        String v = ArchiveFormat.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static void requireIdentifier(String what, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches() || value.equals("..")) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' is not valid: use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
    }

    static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    /**
     * Normalises a tar entry name (drops one trailing slash) and returns it, or throws when the
     * name could escape the folder it is restored into.
     */
    static String checkName(String raw) throws BackupException {
        String problem = nameProblem(raw);
        if (problem != null) {
            throw BackupException.unsafe("entry \"" + printable(raw) + "\" " + problem);
        }
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** Why {@code raw} is not a safe relative name, or null when it is. */
    static String nameProblem(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("/")) {
            return "has an empty name";
        }
        if (raw.indexOf('\0') >= 0) {
            return "has a NUL character in its name";
        }
        if (raw.startsWith("/") || (raw.length() > 1 && raw.charAt(1) == ':')) {
            return "has an absolute path";
        }
        String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (File.separatorChar == '\\' && (name.indexOf('\\') >= 0 || name.indexOf(':') >= 0)) {
            return "has a '\\' or ':' that Windows would read as a path separator";
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty()) {
                return "has an empty path component";
            }
            if (part.equals("..")) {
                return "climbs out of its folder with '..'";
            }
            if (part.equals(".")) {
                return "has a '.' path component";
            }
        }
        return null;
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** The section an archive path belongs to, or null when it belongs to none. */
    static Section sectionOf(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        String rest = slash < 0 ? null : path.substring(slash + 1);
        switch (first) {
            case FILES -> {
                return new Section(Section.Kind.FILES, null, FILES, rest == null ? "" : rest);
            }
            case DATA, VOLUMES -> {
                if (rest == null) {
                    return null;
                }
                int s2 = rest.indexOf('/');
                String name = s2 < 0 ? rest : rest.substring(0, s2);
                String rel = s2 < 0 ? "" : rest.substring(s2 + 1);
                if (!isIdentifier(name)) {
                    return null;
                }
                Section.Kind kind = first.equals(DATA) ? Section.Kind.DATA : Section.Kind.VOLUME;
                return new Section(kind, name, first + "/" + name, rel);
            }
            case DATABASES -> {
                if (rest == null || rest.contains("/")) {
                    return null;
                }
                return new Section(Section.Kind.DATABASE, rest, DATABASES, rest);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Where an entry lives: its section, the section's root path in the archive and the path
     * relative to that root ("" for the root itself).
     */
    record Section(Kind kind, String name, String root, String rel) {
        enum Kind {
            FILES,
            DATA,
            VOLUME,
            DATABASE
        }

        boolean isRoot() {
            return rel.isEmpty();
        }
    }
}
