package dev.berth.docker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What decides how Berth reaches Docker: the process environment ({@code DOCKER_HOST}, {@code
 * DOCKER_CONTEXT}, {@code DOCKER_CONFIG}, {@code XDG_RUNTIME_DIR}), the user's home (for the
 * Docker CLI config and Docker Desktop sockets), the operating system, and the image of the small
 * helper container used to read paths the user cannot read.
 *
 * @param variables environment variables, copied
 * @param userHome the user's home folder
 * @param os the operating system
 * @param helperImage image with a busybox userland ({@code du}, {@code cat}); pulled when missing
 */
public record DockerEnvironment(Map<String, String> variables, Path userHome, OperatingSystem os, String helperImage) {

    /** The helper image used unless {@code BERTH_HELPER_IMAGE} names another. */
    public static final String DEFAULT_HELPER_IMAGE = "busybox:1.36";

    public DockerEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's environment, home and system. */
    public static DockerEnvironment current() {
        Map<String, String> env = System.getenv();
        String helper = env.getOrDefault("BERTH_HELPER_IMAGE", DEFAULT_HELPER_IMAGE);
        return new DockerEnvironment(env, Path.of(System.getProperty("user.home")), OperatingSystem.current(), helper);
    }

    /** A copy with one variable set (or removed when {@code value} is null). */
    public DockerEnvironment withVariable(String name, String value) {
        var copy = new java.util.HashMap<>(variables);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new DockerEnvironment(copy, userHome, os, helperImage);
    }

    /** A copy that uses another helper image. */
    public DockerEnvironment withHelperImage(String image) {
        return new DockerEnvironment(variables, userHome, os, image);
    }

    /** A non-blank variable. */
    public Optional<String> variable(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The Docker CLI's configuration folder: {@code DOCKER_CONFIG} or {@code ~/.docker}. */
    public Path dockerConfigDir() {
        return variable("DOCKER_CONFIG").map(Path::of).orElse(userHome.resolve(".docker"));
    }
}
