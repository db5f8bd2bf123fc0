package dev.berth.backup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules that keep a restore inside its targets, checked on the final state of a manifest:
 * every entry in a known section, nothing below a symlink or a file, symlinks resolving inside
 * their section (following the archive's other symlinks), hard links naming a file of the same
 * section.
 */
final class EntrySafety {
    private static final int MAX_HOPS = 40;

    private EntrySafety() {}

    /** Human-readable problems, empty when the manifest is safe to restore. */
    static List<String> problems(BackupManifest m) {
        List<String> out = new ArrayList<>();
        Map<String, EntryRecord> byPath = m.entriesByPath();
        Set<String> mounts = new HashSet<>();
        m.mounts().forEach(x -> mounts.add(x.id()));
        Set<String> volumes = new HashSet<>();
        m.volumes().forEach(x -> volumes.add(x.name()));
        Set<String> dumps = new HashSet<>();
        m.databases().forEach(x -> dumps.add(x.path()));
        Map<String, String> links = new HashMap<>();
        for (EntryRecord e : m.entries()) {
            if (e.type() == EntryType.SYMLINK) {
                links.put(e.path(), e.link());
            }
        }
        for (EntryRecord e : m.entries()) {
            String p = e.path();
            String nameProblem = ArchiveFormat.nameProblem(p);
            if (nameProblem != null) {
                out.add("entry \"" + ArchiveFormat.printable(p) + "\" " + nameProblem);
                continue;
            }
            ArchiveFormat.Section s = ArchiveFormat.sectionOf(p);
            if (s == null) {
                out.add("entry \"" + ArchiveFormat.printable(p) + "\" lies outside every section of a backup");
                continue;
            }
            switch (s.kind()) {
                case FILES -> {}
                case DATA -> {
                    if (!mounts.contains(s.name())) {
                        out.add("entry \"" + p + "\" belongs to mount '" + s.name()
                                + "' that the manifest does not list");
                    }
                }
                case VOLUME -> {
                    if (!volumes.contains(s.name())) {
                        out.add("entry \"" + p + "\" belongs to volume '" + s.name()
                                + "' that the manifest does not list");
                    }
                }
                case DATABASE -> {
                    if (!dumps.contains(p) || e.type() != EntryType.FILE) {
                        out.add("entry \"" + p + "\" is not a database dump the manifest lists");
                    }
                }
            }
            if (s.isRoot() && s.kind() != ArchiveFormat.Section.Kind.DATABASE && e.type() != EntryType.DIRECTORY) {
                out.add("entry \"" + p + "\" should be a folder");
            }
            String parentProblem = parentProblem(s, byPath);
            if (parentProblem != null) {
                out.add(parentProblem);
            }
            switch (e.type()) {
                case SYMLINK -> {
                    if (!staysInside(s, e.link(), links)) {
                        out.add("symlink \"" + ArchiveFormat.printable(p) + "\" points outside its folder (to \""
                                + ArchiveFormat.printable(e.link()) + "\")");
                    }
                }
                case HARDLINK -> {
                    String target = e.link();
                    ArchiveFormat.Section ts = target == null ? null : ArchiveFormat.sectionOf(target);
                    EntryRecord te = target == null ? null : byPath.get(target);
                    if (ts == null || !ts.root().equals(s.root()) || ArchiveFormat.nameProblem(target) != null) {
                        out.add("hard link \"" + ArchiveFormat.printable(p) + "\" points outside its folder (to \""
                                + ArchiveFormat.printable(target) + "\")");
                    } else if (te == null || te.type() != EntryType.FILE) {
                        out.add("hard link \"" + p + "\" names \"" + target + "\", which is not a file in the backup");
                    }
                }
                case DIRECTORY, FILE -> {}
            }
        }
        return out;
    }

    private static String parentProblem(ArchiveFormat.Section s, Map<String, EntryRecord> byPath) {
        if (s.isRoot() || s.kind() == ArchiveFormat.Section.Kind.DATABASE) {
            return null;
        }
        String rel = s.rel();
        int i = rel.lastIndexOf('/');
        while (true) {
            String parent = i < 0 ? s.root() : s.root() + "/" + rel.substring(0, i);
            EntryRecord pe = byPath.get(parent);
            if (pe != null && pe.type() != EntryType.DIRECTORY) {
                return "entry \"" + ArchiveFormat.printable(s.root() + "/" + rel) + "\" lies below \""
                        + ArchiveFormat.printable(parent) + "\", which is a " + describe(pe.type())
                        + ", not a folder";
            }
            if (i < 0) {
                return null;
            }
            i = rel.lastIndexOf('/', i - 1);
        }
    }

    private static String describe(EntryType t) {
        return switch (t) {
            case DIRECTORY -> "folder";
            case FILE -> "file";
            case SYMLINK -> "symlink";
            case HARDLINK -> "hard link";
        };
    }

    /**
     * Whether a symlink at {@code s} with {@code target} resolves inside its section root, following
     * the symlinks the archive holds in the same section (keyed by full archive path).
     */
    static boolean staysInside(ArchiveFormat.Section s, String target, Map<String, String> links) {
        if (target == null || target.isEmpty() || isAbsolute(target) || target.indexOf('\0') >= 0) {
            return false;
        }
        Deque<String> stack = new ArrayDeque<>();
        String rel = s.rel();
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            for (String c : rel.substring(0, slash).split("/")) {
                stack.addLast(c);
            }
        }
        Deque<String> todo = new ArrayDeque<>(List.of(target.split("/")));
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    return false;
                }
                stack.pollLast();
                continue;
            }
            stack.addLast(c);
            String next = links.get(s.root() + "/" + String.join("/", stack));
            if (next != null) {
                if (++hops > MAX_HOPS || next.isEmpty() || isAbsolute(next)) {
                    return false;
                }
                stack.pollLast();
                String[] parts = next.split("/");
                for (int k = parts.length - 1; k >= 0; k--) {
                    todo.addFirst(parts[k]);
                }
            }
        }
        return true;
    }

    private static boolean isAbsolute(String target) {
        return target.startsWith("/") || target.startsWith("\\") || (target.length() > 1 && target.charAt(1) == ':');
    }
}
