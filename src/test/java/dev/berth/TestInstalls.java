package dev.berth;

import dev.berth.engine.InstallRecord;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Clean-up of the installs and compose projects an integration test made on the real engine. */
final class TestInstalls {
    private TestInstalls() {}

    /**
     * Takes an install down with its volumes (the project and compose files it recorded; the folder's
     * name and {@code docker-compose.yml} when it has no record) and deletes its folder, files the
     * containers wrote included.
     */
    static void remove(Path dir) {
        var record = InstallRecord.read(dir);
        String project =
                record.map(InstallRecord::project).orElse(dir.getFileName().toString());
        List<String> files = record.map(InstallRecord::composeFiles)
                .filter(f -> !f.isEmpty())
                .orElse(List.of("docker-compose.yml"));
        if (Files.isDirectory(dir) && files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            List<String> cmd = new ArrayList<>(DockerTestBed.compose());
            cmd.addAll(List.of("-p", project, "--project-directory", dir.toString()));
            files.forEach(f -> cmd.addAll(List.of("-f", dir.resolve(f).toString())));
            cmd.addAll(List.of("down", "-v", "--remove-orphans", "-t", "5"));
            Commands.run(Duration.ofMinutes(2), cmd);
        }
        ContainerFiles.deleteTree(dir);
    }

    /** Removes the volumes a compose project left behind (a project whose folder is gone). */
    static void removeVolumes(String project) {
        String volumes = Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "volume",
                        "ls",
                        "-q",
                        "--filter",
                        "label=com.docker.compose.project=" + project)
                .stdout();
        for (String v : volumes.lines().filter(l -> !l.isBlank()).toList()) {
            Commands.run(Duration.ofSeconds(30), "docker", "volume", "rm", "-f", v);
        }
    }
}
