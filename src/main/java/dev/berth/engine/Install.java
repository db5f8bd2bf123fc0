package dev.berth.engine;

import dev.berth.config.compose.ComposeProject;
import dev.berth.release.Manifest;
import dev.berth.release.Version;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An install as Berth sees it before planning: where it is, how compose addresses it, what its
 * files resolve to, which version it runs and where that was read from.
 *
 * @param dir the install folder
 * @param record project name, files, env files and profiles
 * @param compose the resolved compose project (with the install's env files, without the process
 *     environment)
 * @param version the installed version (empty when unknown)
 * @param versionOrigin where the version was read: history, manifest, image tag, unknown
 * @param manifest the manifest of the installed release, if known
 * @param pristine the copy of the installed release's own files ({@code .berth/release}), the base
 *     of three-way merges; may not exist for installs Berth did not create
 */
public record Install(
        Path dir,
        InstallRecord record,
        ComposeProject compose,
        Version version,
        String versionOrigin,
        Optional<Manifest> manifest,
        Path pristine) {

    /** The folder that holds the pristine release copy. */
    public static Path pristineDir(Path install) {
        return Journal.berthDir(install).resolve("release");
    }

    /** The engine's address of this install's compose project. */
    public ContainerRuntime.Project project() {
        return new ContainerRuntime.Project(
                record.project(),
                dir,
                record.composeFiles().stream().map(dir::resolve).toList(),
                record.envFiles().stream()
                        .map(dir::resolve)
                        .filter(java.nio.file.Files::exists)
                        .toList(),
                record.profiles());
    }
}
