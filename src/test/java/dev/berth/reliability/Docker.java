package dev.berth.reliability;

import dev.berth.testbed.Commands;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code docker} and compose CLIs pointed at one engine: the test bed's ({@link #MAIN}) or a
 * fault test's own daemon ({@code DOCKER_HOST=unix:///...}).
 */
record Docker(Map<String, String> env) {
    static final Docker MAIN = new Docker(Map.of());
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    Docker {
        env = Map.copyOf(env);
    }

    /** {@code docker <args>}; fails on a non-zero exit. */
    ProcessResult run(String... args) {
        return result(args).orFail();
    }

    /** {@code docker <args>}, whatever the exit. */
    ProcessResult result(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return Commands.run(TIMEOUT, Optional.empty(), env, cmd);
    }

    /** The lines of {@code docker <args>}'s output, blank ones dropped. */
    List<String> lines(String... args) {
        return run(args).stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The compose CLI the test bed found, with this engine. */
    ProcessResult compose(java.nio.file.Path dir, String... args) {
        List<String> cmd = new ArrayList<>(DockerTestBed.compose());
        cmd.addAll(List.of(args));
        return Commands.run(TIMEOUT, Optional.of(dir), env, cmd);
    }

    /**
     * Removes a compose project's containers, networks and volumes by its labels (works whatever
     * state its files are in), and the {@code berth-rollback/<project>-*} tags Berth made for it.
     */
    void removeProject(String project) {
        String label = "label=com.docker.compose.project=" + project;
        List<String> containers = lines("ps", "-aq", "--filter", label);
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(containers);
            result(rm.toArray(String[]::new));
        }
        for (String n : lines("network", "ls", "-q", "--filter", label)) {
            result("network", "rm", n);
        }
        for (String v : lines("volume", "ls", "-q", "--filter", label)) {
            result("volume", "rm", "-f", v);
        }
        for (String t : lines("images", "--format", "{{.Repository}}:{{.Tag}}", "berth-rollback/" + project + "-*")) {
            result("image", "rm", t);
        }
    }
}
