package dev.berth.gui;

import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.home.HostInstalls;
import dev.berth.gui.settings.HostProbe;
import java.nio.file.Path;

/**
 * The servers of the settings, reached over SSH: testing one, listing its installs, and the engine
 * that works on it (the same wiring as the command line's {@code --host}). {@code Main} wires the
 * real one. Every method blocks and is called on a worker thread, never on the FX thread; a
 * server is named by {@code user@host:port} ({@link dev.berth.config.Settings.SshServer#key()}).
 */
public interface ServerAccess {

    /** No servers in this build. */
    ServerAccess NONE = new ServerAccess() {
        @Override
        public HostProbe probe() {
            return HostProbe.NONE;
        }

        @Override
        public HostInstalls installs() {
            return HostInstalls.NONE;
        }

        @Override
        public EngineAccess engine(String host) {
            return EngineAccess.NONE;
        }

        @Override
        public BackupAccess backups(String host, BackupAccess desktop) {
            return BackupAccess.NONE;
        }

        @Override
        public Path backupRoot(String host) {
            throw new UnsupportedOperationException("Servers over SSH are not part of this build of Berth.");
        }
    };

    /** "Test connection". */
    HostProbe probe();

    /** Home's rows of a server. */
    HostInstalls installs();

    /**
     * The engine on {@code host}: its paths are the server's (SFTP), compose runs there, runs are
     * locked with {@code flock} there. Connected on first use, kept while the app runs.
     */
    EngineAccess engine(String host);

    /**
     * The backups a restore on {@code host} can use: those kept on the server, then {@code
     * desktop}'s (this computer's), which are uploaded to the server when a restore is planned.
     * Restores are planned by the server's engine into the server's paths.
     */
    BackupAccess backups(String host, BackupAccess desktop);

    /** Where backups of {@code host}'s installs are kept: on the server, in its login user's data folder. */
    Path backupRoot(String host) throws Exception;

    /** Plans a backup of the install in {@code install} on {@code host}, kept on the server. */
    default UpgradePlanner.Result planBackup(String host, Path install) throws Exception {
        var engine = engine(host).engine();
        var inspected = engine.inspect(install);
        return engine.planBackup(
                inspected, backupRoot(host).resolve(inspected.record().project()));
    }
}
