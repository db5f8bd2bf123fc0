package dev.berth.backup;

import java.util.Collection;
import java.util.List;

/**
 * Chooses which entries of a folder or tar stream go into a backup. Paths are relative to the
 * folder added, with '/' separators; an excluded folder excludes everything below it.
 */
@FunctionalInterface
public interface EntryFilter {
    EntryFilter ALL = (path, type) -> true;

    boolean include(String relativePath, EntryType type);

    /** Only these paths: each one, everything below each one, and the folders leading to them. */
    static EntryFilter only(Collection<String> paths) {
        List<String> wanted = paths.stream().map(EntryFilter::trim).toList();
        return (path, type) -> {
            for (String w : wanted) {
                if (w.isEmpty()
                        || path.equals(w)
                        || path.startsWith(w + "/")
                        || (type == EntryType.DIRECTORY && w.startsWith(path + "/"))) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Everything except these paths and what lies below them. */
    static EntryFilter excluding(Collection<String> paths) {
        List<String> unwanted = paths.stream().map(EntryFilter::trim).toList();
        return (path, type) -> {
            for (String u : unwanted) {
                if (path.equals(u) || path.startsWith(u + "/")) {
                    return false;
                }
            }
            return true;
        };
    }

    default EntryFilter and(EntryFilter other) {
        return (path, type) -> include(path, type) && other.include(path, type);
    }

    private static String trim(String p) {
        String s = p.replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }
}
