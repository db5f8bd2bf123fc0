package dev.berth;

import dev.berth.backup.BackupCatalog;
import dev.berth.backup.BackupListing;
import dev.berth.backup.BackupReader;
import dev.berth.cli.BackupUpload;
import dev.berth.docker.Host;
import dev.berth.engine.RestorePlanner;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

/**
 * The backup side of the desktop app for one server: the backups kept on the server (its login
 * user's backup folder, read over SFTP) and this computer's, which a restore uploads to the server
 * first, exactly as {@code berth restore --host --backup LOCALFILE} does ({@link BackupUpload}).
 * Restores are planned by the server's engine, into the server's paths, with the safety backup kept
 * on the server.
 */
final class ServerBackups implements BackupAccess {
    private static final Logger LOG = Logger.getLogger(ServerBackups.class.getName());

    private final String key;
    private final Callable<Wiring> wiring;
    private final EngineAccess engine;
    private final BackupAccess desktop;

    /**
     * @param key the server, {@code user@host:port}
     * @param wiring the server's wiring (connects on first use)
     * @param engine the server's engine
     * @param desktop this computer's backups
     */
    ServerBackups(String key, Callable<Wiring> wiring, EngineAccess engine, BackupAccess desktop) {
        this.key = key;
        this.wiring = wiring;
        this.engine = engine;
        this.desktop = desktop;
    }

    private Host host() throws Exception {
        Host h = wiring.call().host();
        if (h.isLocal()) {
            throw new IllegalStateException(key + " is wired to this computer; nothing was changed.");
        }
        return h;
    }

    /** The server's backups, then this computer's; each group newest first. */
    @Override
    public List<BackupListing> list() throws Exception {
        List<BackupListing> all = new ArrayList<>(new BackupCatalog(host().backupRoot()).list());
        try {
            all.addAll(desktop.list());
        } catch (NotAvailableException e) {
            LOG.info("this computer's backups are not listed for " + key + ": " + e.getMessage());
        }
        all.sort(Comparator.comparing((BackupListing l) -> l.created() == null ? Instant.MIN : l.created())
                .reversed());
        return all;
    }

    @Override
    public Details details(Path archive) throws Exception {
        return desktop.details(archive);
    }

    /**
     * Plans the restore on the server. {@code target} is a server path written as a path of this
     * computer (what the user typed, or the install the backup names). A backup of this computer
     * is uploaded into the server's backup folder first (kept there, SHA-256 checked by {@code
     * sha256sum}; reused when the same file is there already).
     */
    @Override
    public RestorePlan planRestore(Path archive, Path target) throws Exception {
        Wiring w = wiring.call();
        Host h = host();
        String project = BackupReader.readHeader(archive).project();
        Path file = archive;
        if (archive.getFileSystem() == FileSystems.getDefault()) {
            StringWriter said = new StringWriter();
            try (PrintWriter err = new PrintWriter(said, true)) {
                file = BackupUpload.toServer(archive, h, w.backupDir(project), err);
            } finally {
                LOG.info("upload to " + key + ": " + said.toString().strip());
            }
        }
        Path where = h.path(target.toString().replace('\\', '/'));
        RestorePlanner.Result r = engine.engine()
                .planRestore(
                        file,
                        where,
                        new RestorePlanner.Options(
                                Optional.empty(), OptionalInt.empty(), Map.of(), w.backupDir(project)));
        return new RestorePlan(r.planned(), r.overwritten());
    }

    @Override
    public UpgradePlanner.Result planBackup(Path install) throws Exception {
        var e = engine.engine();
        var inspected = e.inspect(install);
        return e.planBackup(
                inspected, wiring.call().backupDir(inspected.record().project()));
    }

    @Override
    public Optional<Estimate> estimate(Path install) {
        return Optional.empty();
    }
}
