package dev.berth;

import dev.berth.engine.InstallRecord;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Clean-up of the installs and compose projects an integration test made on the real engine. */
final class TestInstalls {
    private TestInstalls() {}

    /**
     * Runs the CLI in its own JVM, so that a crash point ({@code BERTH_CRASH_AT}) can halt it as a
     * kill -9 would, with {@code DOCKER_HOST} cleared (a server is named by {@code --host}).
     */
    static ProcessResult berthProcess(Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        Map<String, String> e = new HashMap<>(env);
        e.put("DOCKER_HOST", "");
        return Commands.run(Duration.ofMinutes(5), Optional.empty(), e, cmd);
    }

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

    /**
     * Removes what a compose project left behind, found by its label (so a run that stopped half
     * way is cleaned up too): its containers with their anonymous volumes, its volumes, its networks.
     */
    static void removeProject(String project) {
        String label = "label=com.docker.compose.project=" + project;
        removeAll(List.of("docker", "ps", "-aq", "--filter", label), List.of("docker", "rm", "-f", "-v"));
        removeAll(List.of("docker", "volume", "ls", "-q", "--filter", label), List.of("docker", "volume", "rm", "-f"));
        removeAll(List.of("docker", "network", "ls", "-q", "--filter", label), List.of("docker", "network", "rm"));
    }

    private static void removeAll(List<String> list, List<String> remove) {
        List<String> ids = Commands.run(Duration.ofSeconds(30), list)
                .stdout()
                .lines()
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .distinct()
                .toList();
        if (!ids.isEmpty()) {
            List<String> cmd = new ArrayList<>(remove);
            cmd.addAll(ids);
            Commands.run(Duration.ofMinutes(1), cmd);
        }
    }

    /** The names of a compose project's volumes. */
    static List<String> volumes(String project) {
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "volume",
                        "ls",
                        "-q",
                        "--filter",
                        "label=com.docker.compose.project=" + project)
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    /** The id of the running container of a service of the install's recorded project. */
    static String containerId(Path install, String service) {
        return containerId(InstallRecord.read(install).orElseThrow().project(), service);
    }

    /** The id of the running container of a service of a compose project. */
    static String containerId(String project, String service) {
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "ps",
                        "-q",
                        "--filter",
                        "label=com.docker.compose.project=" + project,
                        "--filter",
                        "label=com.docker.compose.service=" + service)
                .orFail()
                .stdout()
                .strip();
    }
}
