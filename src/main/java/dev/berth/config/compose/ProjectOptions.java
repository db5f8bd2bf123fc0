package dev.berth.config.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to load, like the options of {@code docker compose config}.
 *
 * @param projectDirectory the project directory; empty: the folder of the first file, or the
 *     current directory when no file is given
 * @param files compose files in merge order; empty: {@code compose.yaml}, {@code compose.yml},
 *     {@code docker-compose.yml} or {@code docker-compose.yaml} in the project directory plus its
 *     {@code *.override.*} file
 * @param envFiles env files for interpolation, later wins; empty: the project's {@code .env} if any
 * @param profiles active profiles ({@code *} activates all); empty: {@code COMPOSE_PROFILES}
 * @param variableSource whether the process environment is used
 * @param processEnvironment the process environment to use with {@link
 *     VariableSource#ENV_FILES_AND_PROCESS}
 */
public record ProjectOptions(
        Optional<Path> projectDirectory,
        List<Path> files,
        List<Path> envFiles,
        List<String> profiles,
        VariableSource variableSource,
        Map<String, String> processEnvironment) {
    public ProjectOptions {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
        processEnvironment = Map.copyOf(processEnvironment);
    }

    /** The default files of a project directory, its {@code .env}, no profile, no process environment. */
    public static ProjectOptions of(Path projectDirectory) {
        return new ProjectOptions(
                Optional.of(projectDirectory), List.of(), List.of(), List.of(), VariableSource.ENV_FILES, Map.of());
    }

    public ProjectOptions withFiles(List<Path> newFiles) {
        return new ProjectOptions(projectDirectory, newFiles, envFiles, profiles, variableSource, processEnvironment);
    }

    public ProjectOptions withEnvFiles(List<Path> newEnvFiles) {
        return new ProjectOptions(projectDirectory, files, newEnvFiles, profiles, variableSource, processEnvironment);
    }

    public ProjectOptions withProfiles(List<String> newProfiles) {
        return new ProjectOptions(projectDirectory, files, envFiles, newProfiles, variableSource, processEnvironment);
    }

    /** Uses the given process environment on top of the env files. */
    public ProjectOptions withProcessEnvironment(Map<String, String> environment) {
        return new ProjectOptions(
                projectDirectory, files, envFiles, profiles, VariableSource.ENV_FILES_AND_PROCESS, environment);
    }

    /** Options without project directory: it is derived from the first file. */
    public static ProjectOptions ofFiles(List<Path> files) {
        return new ProjectOptions(Optional.empty(), files, List.of(), List.of(), VariableSource.ENV_FILES, Map.of());
    }

    /** toString without the process environment's values. */
    @Override
    public String toString() {
        return "ProjectOptions[projectDirectory=" + projectDirectory + ", files=" + files + ", envFiles=" + envFiles
                + ", profiles=" + profiles + ", variableSource=" + variableSource + "]";
    }
}
