package dev.berth;

import dev.berth.backup.BackupCatalog;
import dev.berth.backup.BackupException;
import dev.berth.backup.BackupFolders;
import dev.berth.backup.BackupListing;
import dev.berth.backup.BackupManifest;
import dev.berth.backup.BackupReader;
import dev.berth.backup.DumpRecord;
import dev.berth.backup.EntryRecord;
import dev.berth.backup.MountRecord;
import dev.berth.backup.VolumeRecord;
import dev.berth.config.AppDirs;
import dev.berth.engine.Engine;
import dev.berth.engine.Install;
import dev.berth.engine.RestorePlanner;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.BackupAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The backup side of the desktop app over {@code dev.berth.backup}: the backups in the folder of
 * the settings (and the default folder, where the command line puts them), and what one holds,
 * read from its manifest.
 */
final class GuiBackups implements BackupAccess {
    /** A cautious speed for compressing and hashing, including the dumps: 40 MB/s. */
    private static final long BYTES_PER_SECOND = 40L * 1024 * 1024;

    private final AppDirs dirs;
    private final GuiWiring.Connection connection;

    GuiBackups(AppDirs dirs, GuiWiring.Connection connection) {
        this.dirs = dirs;
        this.connection = connection;
    }

    /** The folders that hold backups: the settings' folder, then the default one when it differs. */
    static List<Path> folders(AppDirs dirs) {
        Set<Path> all = new LinkedHashSet<>();
        all.add(GuiWiring.settings(dirs).backupDir(dirs).toAbsolutePath().normalize());
        all.add(BackupFolders.defaultRoot().toAbsolutePath().normalize());
        return List.copyOf(all);
    }

    /** Project → the time of its newest backup, over {@code folders}. */
    static Map<String, Instant> newestByProject(List<Path> folders) throws BackupException {
        Map<String, Instant> newest = new HashMap<>();
        for (BackupListing l : listAll(folders)) {
            if (l.project() != null && l.created() != null) {
                newest.merge(l.project(), l.created(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return newest;
    }

    private static List<BackupListing> listAll(List<Path> folders) throws BackupException {
        Map<Path, BackupListing> byFile = new java.util.LinkedHashMap<>();
        for (Path f : folders) {
            for (BackupListing l : new BackupCatalog(f).list()) {
                byFile.putIfAbsent(l.file(), l);
            }
        }
        List<BackupListing> all = new ArrayList<>(byFile.values());
        all.sort(Comparator.comparing((BackupListing l) -> l.created() == null ? Instant.MIN : l.created())
                .reversed());
        return all;
    }

    @Override
    public List<BackupListing> list() throws BackupException {
        return listAll(folders(dirs));
    }

    @Override
    public Details details(Path archive) throws BackupException {
        BackupListing listing = BackupCatalog.describe(archive);
        if (listing.problem() != null) {
            String problem = String.valueOf(listing.problem());
            boolean said = problem.endsWith(".");
            throw new BackupException(
                    BackupException.Kind.CORRUPT,
                    said ? BackupException.Reason.CANNOT_BE_USED_SAID : BackupException.Reason.CANNOT_BE_USED,
                    List.of(archive.toString(), problem),
                    "The backup " + archive + " cannot be read: " + problem + (said ? " " : ". ")
                            + "Nothing was changed; choose another backup.",
                    listing.failure());
        }
        Optional<BackupManifest> manifest = BackupReader.readSidecar(archive);
        if (manifest.isEmpty()) {
            return new Details(listing, "", "", List.of());
        }
        BackupManifest m = manifest.get();
        return new Details(listing, m.host(), m.berthVersion(), parts(m));
    }

    /** The parts of a backup and their sizes, summed from the manifest's entries. */
    static List<Part> parts(BackupManifest m) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(PartKind.FILES, m.install(), bytesUnder(m, "files/")));
        for (VolumeRecord v : m.volumes()) {
            parts.add(new Part(PartKind.VOLUME, v.name(), bytesUnder(m, "volumes/" + v.name() + "/")));
        }
        for (MountRecord mount : m.mounts()) {
            parts.add(new Part(PartKind.FOLDER, mount.source(), bytesUnder(m, "data/" + mount.id() + "/")));
        }
        for (DumpRecord d : m.databases()) {
            long bytes = m.entries().stream()
                    .filter(e -> e.path().equals(d.path()))
                    .mapToLong(EntryRecord::size)
                    .sum();
            parts.add(new Part(PartKind.DATABASE, d.service() + " (" + d.format() + ")", bytes));
        }
        return parts;
    }

    private static long bytesUnder(BackupManifest m, String prefix) {
        return m.entries().stream()
                .filter(e -> e.path().startsWith(prefix))
                .mapToLong(EntryRecord::size)
                .sum();
    }

    @Override
    public RestorePlan planRestore(Path archive, Path target) throws Exception {
        // The archive is verified first; a bad one gives a refused plan and nothing is touched. A
        // restore over an existing install keeps a safety backup of it in the settings' folder.
        RestorePlanner.Result r = connection
                .engine()
                .planRestore(
                        archive,
                        target,
                        new RestorePlanner.Options(
                                Optional.empty(),
                                OptionalInt.empty(),
                                Map.of(),
                                GuiWiring.settings(dirs).backupDir(dirs)));
        return new RestorePlan(r.planned(), r.overwritten());
    }

    @Override
    public UpgradePlanner.Result planBackup(Path install) throws Exception {
        Engine engine = connection.engine();
        Install inspected = engine.inspect(install);
        Path folder = GuiWiring.settings(dirs)
                .backupDir(dirs)
                .resolve(inspected.record().project());
        return engine.planBackup(inspected, folder);
    }

    /** From the newest backup of the same project: its size, and the time at the speed seen there. */
    @Override
    public Optional<Estimate> estimate(Path install) throws BackupException {
        Optional<dev.berth.engine.InstallRecord> record = dev.berth.engine.InstallRecord.read(install);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String project = record.get().project();
        return list().stream()
                .filter(l -> project.equals(l.project()) && l.problem() == null && l.size() > 0)
                .findFirst()
                .map(l -> new Estimate(l.size(), Duration.ofSeconds(Math.max(5, l.size() / BYTES_PER_SECOND))));
    }
}
