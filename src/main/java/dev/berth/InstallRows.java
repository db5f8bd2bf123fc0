package dev.berth;

import dev.berth.docker.scan.DataSize;
import dev.berth.docker.scan.DataVariable;
import dev.berth.docker.scan.Install;
import dev.berth.docker.scan.InstallWarning;
import dev.berth.docker.scan.ServiceInfo;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.InstallLock;
import dev.berth.engine.InstallRecord;
import dev.berth.engine.Journal;
import dev.berth.gui.common.Messages;
import dev.berth.gui.home.InstallRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns what discovery found into Home's rows: state, health, data folder, size, last backup, warnings. */
final class InstallRows {
    private InstallRows() {}

    /**
     * @param lastBackups project → when its newest backup was made
     * @param messages the user's language, for the warnings
     */
    static List<InstallRow> of(List<Install> installs, Map<String, Instant> lastBackups, Messages messages) {
        List<InstallRow> rows = new ArrayList<>();
        for (Install i : installs) {
            // Without a folder there is nothing to upgrade, configure or back up; scan lists those.
            if (i.workingDir().isEmpty()) {
                continue;
            }
            try {
                rows.add(row(i, i.workingDir().get(), lastBackups, messages));
            } catch (RuntimeException e) {
                // One install this user may not read (another user's, on a shared Docker host) must
                // not hide every other one; scan lists it with the reason.
                java.util.logging.Logger.getLogger(InstallRows.class.getName())
                        .warning("not listed: " + i.project() + ": " + e.getMessage());
            }
        }
        return rows;
    }

    static InstallRow row(Install i, Path dir, Map<String, Instant> lastBackups, Messages messages) {
        Optional<InstallRecord> record = readable(dir) ? InstallRecord.read(dir) : Optional.empty();
        String app = record.map(InstallRecord::app).filter(a -> !a.isBlank()).orElse(i.project());
        String version = (readable(dir) ? InstallHistory.currentVersion(dir) : Optional.<String>empty())
                .or(i.version()::version)
                .orElse("");
        List<String> warnings = new ArrayList<>();
        // A server's install (SFTP) has no local file lock to ask: its journal alone says "unfinished".
        boolean local = dir.getFileSystem() == java.nio.file.FileSystems.getDefault();
        if (readable(dir)
                && (!local || !InstallLock.held(dir))
                && Journal.load(dir).isPresent()) {
            warnings.add(messages.get("home.warning.unfinished"));
        }
        for (InstallWarning w : i.warnings()) {
            if (w.kind() == InstallWarning.Kind.PROJECT_NAME_GIVEN
                    && record.map(r -> r.project().equals(i.project())).orElse(false)) {
                continue; // Berth chose the name and records it; every Berth command uses it.
            }
            String text = messages.get("home.warning." + w.kind().word());
            if (!warnings.contains(text)) {
                warnings.add(text);
            }
        }
        return new InstallRow(
                i.project(),
                app,
                version,
                state(i.state()),
                health(i.services()),
                dir,
                dataDir(i, dir),
                i.dataSize().completeness() == DataSize.Completeness.NOT_MEASURED
                        ? -1
                        : i.dataSize().bytes(),
                Optional.ofNullable(lastBackups.get(i.project())),
                warnings);
    }

    private static boolean readable(Path dir) {
        return java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.isReadable(dir);
    }

    static InstallRow.RunState state(Install.InstallState s) {
        return switch (s) {
            case RUNNING -> InstallRow.RunState.RUNNING;
            case PARTLY_RUNNING -> InstallRow.RunState.PARTLY_RUNNING;
            case STOPPED, NOT_CREATED -> InstallRow.RunState.STOPPED;
        };
    }

    /** The worst health of the services; NONE when none of them has a health check. */
    static InstallRow.Health health(List<ServiceInfo> services) {
        InstallRow.Health worst = InstallRow.Health.NONE;
        for (ServiceInfo s : services) {
            InstallRow.Health h = switch (s.health()) {
                case UNHEALTHY -> InstallRow.Health.UNHEALTHY;
                case STARTING -> InstallRow.Health.STARTING;
                case HEALTHY -> InstallRow.Health.HEALTHY;
                case NONE -> InstallRow.Health.NONE;
            };
            if (rank(h) < rank(worst)) {
                worst = h;
            }
        }
        return worst;
    }

    private static int rank(InstallRow.Health h) {
        return switch (h) {
            case UNHEALTHY -> 0;
            case STARTING -> 1;
            case HEALTHY -> 2;
            case NONE -> 3;
        };
    }

    /** {@code DATA_DIR} (or the first variable naming a data folder), else the one data root, else the folder. */
    static Path dataDir(Install i, Path dir) {
        Optional<DataVariable> named = i.dataVariables().stream()
                .filter(v -> v.name().equals("DATA_DIR"))
                .findFirst()
                .or(() -> i.dataVariables().stream().findFirst());
        if (named.isPresent()) {
            return named.get().path();
        }
        if (i.dataRoots().size() == 1) {
            return i.dataRoots().getFirst().path();
        }
        return dir;
    }
}
