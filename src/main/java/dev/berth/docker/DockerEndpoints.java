package dev.berth.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The places to look for a Docker engine, in the order the Docker CLI and Docker Desktop users
 * expect: {@code DOCKER_HOST}, the current Docker context, the default socket, Docker Desktop's
 * sockets, the rootless socket, then other desktop engines; on Windows the named pipe.
 */
final class DockerEndpoints {
    private DockerEndpoints() {}

    /** The candidates for this environment; reads the Docker CLI config files, never the network. */
    static List<DockerEndpoint> candidates(DockerEnvironment env) {
        Map<String, DockerEndpoint> byAddress = new LinkedHashMap<>();
        env.variable("DOCKER_HOST")
                .ifPresent(h -> add(byAddress, DockerEndpoint.of("DOCKER_HOST", h, DockerEndpoint.Binding.EXPLICIT)));
        context(env).ifPresent(c -> add(byAddress, c));
        Path home = env.userHome();
        if (env.os() == OperatingSystem.WINDOWS) {
            add(byAddress, fallback("Docker Desktop named pipe", "npipe:////./pipe/docker_engine"));
        } else {
            add(byAddress, fallback("default socket", "unix:///var/run/docker.sock"));
            add(byAddress, fallback("Docker Desktop socket", unix(home.resolve(".docker/run/docker.sock"))));
            add(byAddress, fallback("Docker Desktop socket", unix(home.resolve(".docker/desktop/docker.sock"))));
            env.variable("XDG_RUNTIME_DIR")
                    .ifPresent(x ->
                            add(byAddress, fallback("rootless Docker socket", unix(Path.of(x, "docker.sock")))));
            add(byAddress, fallback("Colima socket", unix(home.resolve(".colima/default/docker.sock"))));
            add(byAddress, fallback("OrbStack socket", unix(home.resolve(".orbstack/run/docker.sock"))));
            add(byAddress, fallback("Rancher Desktop socket", unix(home.resolve(".rd/docker.sock"))));
        }
        return List.copyOf(byAddress.values());
    }

    private static DockerEndpoint fallback(String origin, String address) {
        return DockerEndpoint.of(origin, address, DockerEndpoint.Binding.FALLBACK);
    }

    private static String unix(Path socket) {
        return "unix://" + socket.toAbsolutePath().toString().replace('\\', '/');
    }

    private static void add(Map<String, DockerEndpoint> byAddress, DockerEndpoint e) {
        byAddress.putIfAbsent(normalize(e.address()), e);
    }

    private static String normalize(String address) {
        String a = address.strip();
        return a.startsWith("unix:///") ? "unix:///" + a.substring(8).replaceAll("/+", "/") : a;
    }

    /**
     * The Docker CLI's current context ({@code DOCKER_CONTEXT}, else {@code currentContext} in
     * {@code config.json}), unless it is the built-in {@code default} context, which means
     * "DOCKER_HOST or the default socket" and is covered by the other candidates.
     */
    static Optional<DockerEndpoint> context(DockerEnvironment env) {
        Path configDir = env.dockerConfigDir();
        Optional<String> explicit = env.variable("DOCKER_CONTEXT");
        String name;
        DockerEndpoint.Binding binding;
        if (explicit.isPresent()) {
            name = explicit.get();
            binding = DockerEndpoint.Binding.EXPLICIT;
        } else {
            Path config = configDir.resolve("config.json");
            if (!Files.isRegularFile(config)) {
                return Optional.empty();
            }
            String origin = "current Docker context in " + config;
            try {
                JsonTree current = JsonTree.parse(Files.readAllBytes(config)).path("currentContext");
                if (!current.isTextual() || current.asText().isBlank()) {
                    return Optional.empty();
                }
                name = current.asText();
            } catch (IOException e) {
                return Optional.of(problem(origin, config.toString(), "cannot read it: " + e.getMessage()));
            }
            binding = DockerEndpoint.Binding.FALLBACK;
        }
        if (name.equals("default")) {
            return Optional.empty();
        }
        String id = sha256(name);
        Path meta = configDir.resolve("contexts/meta").resolve(id).resolve("meta.json");
        String origin = "Docker context \"" + name + "\"";
        if (!Files.isRegularFile(meta)) {
            return Optional.of(new DockerEndpoint(
                    origin,
                    meta.toString(),
                    binding,
                    Optional.empty(),
                    Optional.of("no such context (" + meta + " is missing); list them with: docker context ls")));
        }
        try {
            JsonTree docker =
                    JsonTree.parse(Files.readAllBytes(meta)).path("Endpoints").path("docker");
            String host = docker.path("Host").asText("");
            if (host.isBlank()) {
                return Optional.of(problem(origin, meta.toString(), "the context has no docker endpoint"));
            }
            Path tls = configDir.resolve("contexts/tls").resolve(id).resolve("docker");
            Optional<Path> tlsDir = !docker.path("SkipTLSVerify").asBoolean(false) && Files.isDirectory(tls)
                    ? Optional.of(tls)
                    : Optional.empty();
            return Optional.of(new DockerEndpoint(origin, host, binding, tlsDir, Optional.empty()));
        } catch (IOException e) {
            return Optional.of(problem(origin, meta.toString(), "cannot read " + meta + ": " + e.getMessage()));
        }
    }

    private static DockerEndpoint problem(String origin, String address, String why) {
        return new DockerEndpoint(origin, address, DockerEndpoint.Binding.FALLBACK, Optional.empty(), Optional.of(why));
    }

    /** The folder name the Docker CLI stores a context under. */
    static String sha256(String contextName) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(contextName.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
