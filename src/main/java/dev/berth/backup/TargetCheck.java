package dev.berth.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at the restore targets before anything is written: which existing files a restore
 * replaces, and what blocks it (a folder where the backup has a file, a symlink or file where it
 * needs a folder on the way).
 */
final class TargetCheck {
    record Result(List<Path> overwrites, List<String> conflicts) {}

    private enum State {
        MISSING,
        FOLDER,
        OTHER
    }

    private TargetCheck() {}

    /** The folder an entry goes to and its path there, or null when the spec skips it. */
    record Place(Path root, String rel) {
        Path path() {
            return rel.isEmpty() ? root : root.resolve(rel);
        }
    }

    static Place place(RestoreSpec spec, ArchiveFormat.Section s) {
        Path root = switch (s.kind()) {
            case FILES -> spec.files();
            case DATA -> spec.mounts().get(s.name());
            case DATABASE -> spec.databases();
            case VOLUME -> null;
        };
        return root == null ? null : new Place(root.toAbsolutePath().normalize(), s.rel());
    }

    static Result run(BackupManifest m, RestoreSpec spec) throws BackupException {
        for (String id : spec.mounts().keySet()) {
            if (m.mount(id).isEmpty()) {
                throw new IllegalArgumentException("the backup holds no mount '" + id + "'");
            }
        }
        Map<String, EntryRecord> byPath = m.entriesByPath();
        Map<Path, State> cache = new HashMap<>();
        List<Path> overwrites = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        try {
            for (EntryRecord e : m.entries()) {
                ArchiveFormat.Section s = ArchiveFormat.sectionOf(e.path());
                Place place = s == null ? null : place(spec, s);
                if (place == null) {
                    continue;
                }
                State rootState = cache.computeIfAbsent(place.root(), TargetCheck::stateFollowing);
                if (rootState == State.MISSING) {
                    continue;
                }
                if (rootState == State.OTHER) {
                    conflicts.add(place.root() + " is not a folder");
                    continue;
                }
                if (!ancestorsOk(place, s, byPath, cache, conflicts)) {
                    continue;
                }
                if (place.rel().isEmpty()) {
                    continue;
                }
                Path p = place.path();
                State st = state(p, cache);
                if (st == State.FOLDER && e.type() != EntryType.DIRECTORY) {
                    conflicts.add(p + " is a folder but the backup holds a "
                            + e.type().name().toLowerCase() + " there");
                } else if (st == State.OTHER) {
                    overwrites.add(p);
                }
            }
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.TARGET_UNREADABLE,
                    List.of(e.toString()),
                    "Cannot look at the restore target: " + e,
                    e);
        }
        overwrites.sort(null);
        if (!conflicts.isEmpty()) {
            return new Result(overwrites, List.copyOf(conflicts));
        }
        return new Result(overwrites, List.of());
    }

    /** False when the entry's place cannot exist yet or is blocked (then recorded in conflicts). */
    private static boolean ancestorsOk(
            Place place,
            ArchiveFormat.Section s,
            Map<String, EntryRecord> byPath,
            Map<Path, State> cache,
            List<String> conflicts)
            throws IOException {
        String rel = place.rel();
        int i = rel.indexOf('/');
        while (i > 0) {
            String ancestorRel = rel.substring(0, i);
            Path a = place.root().resolve(ancestorRel);
            State st = state(a, cache);
            if (st == State.MISSING) {
                return false;
            }
            if (st == State.OTHER) {
                EntryRecord archived = byPath.get(s.root() + "/" + ancestorRel);
                if (archived == null || archived.type() != EntryType.DIRECTORY) {
                    String c = a + " is a file or symlink where the restore needs a folder";
                    if (!conflicts.contains(c)) {
                        conflicts.add(c);
                    }
                }
                return false; // the archived folder replaces it; everything below is new
            }
            i = rel.indexOf('/', i + 1);
        }
        return true;
    }

    private static State state(Path p, Map<Path, State> cache) throws IOException {
        State st = cache.get(p);
        if (st == null) {
            try {
                st = FileMeta.read(p).kind() == FileMeta.Kind.DIRECTORY ? State.FOLDER : State.OTHER;
            } catch (NoSuchFileException e) {
                st = State.MISSING;
            }
            cache.put(p, st);
        }
        return st;
    }

    private static State stateFollowing(Path root) {
        if (Files.isDirectory(root)) {
            return State.FOLDER;
        }
        return Files.exists(root) ? State.OTHER : State.MISSING;
    }
}
