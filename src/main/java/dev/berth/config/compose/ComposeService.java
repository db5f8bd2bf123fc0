package dev.berth.config.compose;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resolved service: files merged, variables interpolated, {@code extends} followed, env files
 * merged into {@code environment} ({@code environment} winning), relative paths made absolute.
 *
 * @param name the service name
 * @param image the image reference, when set
 * @param build how the image is built, when set
 * @param environment the container environment; a bare {@code KEY} without a value in the
 *     variables is absent, as it is absent in the container
 * @param envFiles the {@code env_file} entries, already merged into {@code environment}
 * @param ports published ports
 * @param expose exposed container ports, as written
 * @param volumes mounts
 * @param dependsOn other services this one waits for
 * @param healthcheck the health check, when set
 * @param labels container labels
 * @param profiles the profiles that enable it; empty means always enabled
 * @param networks the networks it joins (empty: the default network)
 * @param restart the restart policy, when set
 * @param stopGracePeriod as written (e.g. {@code 1m30s}), when set
 * @param user the user, when set
 * @param command the command, split into words (compose's shell-like split of a string), when set
 * @param entrypoint the entrypoint, split into words, when set
 * @param containerName the fixed container name, when set
 * @param definedIn the compose file that defined the service first (the one later files merge into)
 */
public record ComposeService(
        String name,
        Optional<String> image,
        Optional<BuildSpec> build,
        Map<String, String> environment,
        List<EnvFileRef> envFiles,
        List<PortMapping> ports,
        List<String> expose,
        List<VolumeMount> volumes,
        Map<String, Dependency> dependsOn,
        Optional<Healthcheck> healthcheck,
        Map<String, String> labels,
        List<String> profiles,
        List<String> networks,
        Optional<String> restart,
        Optional<String> stopGracePeriod,
        Optional<String> user,
        Optional<List<String>> command,
        Optional<List<String>> entrypoint,
        Optional<String> containerName,
        Path definedIn) {
    public ComposeService {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        envFiles = List.copyOf(envFiles);
        ports = List.copyOf(ports);
        expose = List.copyOf(expose);
        volumes = List.copyOf(volumes);
        dependsOn = Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        profiles = List.copyOf(profiles);
        networks = List.copyOf(networks);
        command = command.map(List::copyOf);
        entrypoint = entrypoint.map(List::copyOf);
    }

    /** toString without environment values: they may hold secrets. */
    @Override
    public String toString() {
        return "ComposeService[name=" + name + ", image=" + image.orElse("") + ", environment keys="
                + environment.keySet() + ", definedIn=" + definedIn + "]";
    }
}
