package dev.berth.docker.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One install of a compose app.
 *
 * @param project the compose project name (what {@code -p} must say)
 * @param origin whether it was found through containers or only as a folder
 * @param workingDir the project folder (compose's working dir label, or the scanned folder)
 * @param workingDirState whether that folder is still there and readable
 * @param configFiles compose files, absolute (v1's relative labels resolved against the working dir)
 * @param envFile the env file: compose v2's label, else {@code .env} in the working dir when present
 * @param state whether its services run
 * @param composeVersion the compose version that created the containers (label), when known
 * @param version the release version, guessed
 * @param services its services
 * @param bindMounts every bind mount of its containers, classified
 * @param dataRoots the bind-mounted data, grouped by root, with sizes
 * @param volumes its named volumes (full Docker names), with sizes
 * @param dataVariables env variables whose values name data folders (rewritten on restore elsewhere)
 * @param dataSize total size of bind-mounted data and volumes
 * @param warnings what the user should know or fix
 */
public record Install(
        String project,
        Origin origin,
        Optional<Path> workingDir,
        WorkingDirState workingDirState,
        List<Path> configFiles,
        Optional<Path> envFile,
        InstallState state,
        Optional<String> composeVersion,
        VersionGuess version,
        List<ServiceInfo> services,
        List<BindMount> bindMounts,
        List<DataRoot> dataRoots,
        List<InstallVolume> volumes,
        List<DataVariable> dataVariables,
        DataSize dataSize,
        List<InstallWarning> warnings) {

    public Install {
        configFiles = List.copyOf(configFiles);
        services = List.copyOf(services);
        bindMounts = List.copyOf(bindMounts);
        dataRoots = List.copyOf(dataRoots);
        volumes = List.copyOf(volumes);
        dataVariables = List.copyOf(dataVariables);
        warnings = List.copyOf(warnings);
    }

    /** How an install was found. */
    public enum Origin {
        /** Compose labels on its containers. */
        CONTAINERS,
        /** A folder with a compose file and no containers. */
        FOLDER
    }

    /** Whether the working dir can be used. */
    public enum WorkingDirState {
        PRESENT,
        /** Deleted or moved since the containers were created. */
        MISSING,
        /** There, but this user may not read it. */
        UNREADABLE,
        /** The containers carry no working dir label. */
        UNKNOWN
    }

    /** Whether the services run. */
    public enum InstallState {
        RUNNING,
        PARTLY_RUNNING,
        STOPPED,
        NOT_CREATED
    }

    /** A copy with more warnings. */
    public Install withWarnings(List<InstallWarning> more) {
        List<InstallWarning> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Install(
                project,
                origin,
                workingDir,
                workingDirState,
                configFiles,
                envFile,
                state,
                composeVersion,
                version,
                services,
                bindMounts,
                dataRoots,
                volumes,
                dataVariables,
                dataSize,
                all);
    }
}
