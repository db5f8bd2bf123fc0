package dev.berth.docker;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Tries the candidate endpoints in order and opens a client on the first that answers. */
final class EngineConnector {
    private static final Duration PROBE_CONNECT = Duration.ofSeconds(2);
    private static final Duration PROBE_RESPONSE = Duration.ofSeconds(5);
    /** Long enough for a slow {@code /system/df} or a helper {@code du}; pulls have their own stall watchdog. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(10);

    private EngineConnector() {}

    /** What a probe found: the engine's {@code /version} answer, or why there is none. */
    private record Probe(ConnectionAttempt attempt, Optional<JsonTree> version, RawApi api) {}

    static DockerEngine connect(DockerEnvironment env) {
        List<DockerEndpoint> candidates = DockerEndpoints.candidates(env);
        List<ConnectionAttempt> attempts = new ArrayList<>();
        boolean explicitFailed = false;
        for (DockerEndpoint c : candidates) {
            Probe p = probe(c, env);
            if (p.version().isPresent()) {
                JsonTree v = p.version().get();
                if (explicitFailed) {
                    closeQuietly(p.api());
                    attempts.add(new ConnectionAttempt(
                            c,
                            ConnectionAttempt.Outcome.ANSWERED_NOT_USED,
                            "an engine answers here (Docker "
                                    + v.path("Version").asText("?")
                                    + ") but was not used because an explicit choice comes first"));
                    continue;
                }
                EngineInfo info = new EngineInfo(
                        c,
                        v.path("Version").asText(""),
                        v.path("ApiVersion").asText(""),
                        v.path("MinAPIVersion").asText(""),
                        v.path("Os").asText(""),
                        v.path("Arch").asText(""),
                        attempts);
                return new DockerEngine(info, env, p.api());
            }
            attempts.add(p.attempt());
            if (c.binding() == DockerEndpoint.Binding.EXPLICIT) {
                explicitFailed = true;
            }
        }
        if (attempts.isEmpty()) {
            throw new DockerException("Berth found no place to look for Docker on this system; set DOCKER_HOST.");
        }
        throw new DockerUnreachableException(attempts);
    }

    /**
     * Asks {@code /version} on one client that is kept when the engine answers; the probe's own
     * deadline guards against an engine that accepts connections but never answers.
     */
    private static Probe probe(DockerEndpoint c, DockerEnvironment env) {
        if (c.problem().isPresent()) {
            return failed(c, ConnectionAttempt.Outcome.UNSUPPORTED, c.problem().get());
        }
        URI uri;
        try {
            uri = URI.create(c.address());
        } catch (IllegalArgumentException e) {
            return failed(c, ConnectionAttempt.Outcome.UNSUPPORTED, "not a valid address: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                Optional<Probe> fileProblem = checkSocketFile(c, Path.of(uri.getPath()));
                if (fileProblem.isPresent()) {
                    return fileProblem.get();
                }
            }
            case "tcp", "http", "https", "npipe" -> {}
            case "ssh" -> {
                return failed(
                        c,
                        ConnectionAttempt.Outcome.UNSUPPORTED,
                        "ssh:// connections are not supported yet; run Berth on that machine, or expose the"
                                + " engine over tcp:// with TLS");
            }
            default -> {
                return failed(
                        c,
                        ConnectionAttempt.Outcome.UNSUPPORTED,
                        "unknown scheme '" + scheme + "' (use unix://, tcp:// or npipe://)");
            }
        }
        RawApi http;
        try {
            http = scheme.equals("unix")
                    ? new RawApi.Unix(Path.of(uri.getPath()), RESPONSE_TIMEOUT)
                    : new RawApi.Transport(httpClient(c, env));
        } catch (RuntimeException e) {
            return classify(c, e);
        }
        FutureTask<JsonTree> ask = new FutureTask<>(() -> http.getJson("/version"));
        Thread.ofVirtual().name("berth-docker-probe").start(ask);
        try {
            JsonTree version = ask.get(PROBE_RESPONSE.toMillis(), TimeUnit.MILLISECONDS);
            String api = version.path("ApiVersion").asText("");
            if (api.isEmpty()) {
                closeQuietly(http);
                return failed(c, ConnectionAttempt.Outcome.FAILED, "answered, but not like a Docker engine");
            }
            return new Probe(
                    new ConnectionAttempt(
                            c,
                            ConnectionAttempt.Outcome.ANSWERED,
                            "Docker " + version.path("Version").asText("?") + ", API " + api),
                    Optional.of(version),
                    http);
        } catch (TimeoutException e) {
            closeQuietly(http);
            return failed(
                    c,
                    ConnectionAttempt.Outcome.FAILED,
                    "did not answer within " + PROBE_RESPONSE.toSeconds() + " s (engine hung or still starting?)");
        } catch (ExecutionException e) {
            closeQuietly(http);
            return classify(c, e.getCause());
        } catch (InterruptedException e) {
            closeQuietly(http);
            Thread.currentThread().interrupt();
            return failed(c, ConnectionAttempt.Outcome.FAILED, "interrupted while connecting");
        }
    }

    private static void closeQuietly(RawApi http) {
        if (http == null) {
            return;
        }
        try {
            http.close();
        } catch (IOException e) {
            // Dropping a client that is not used; nothing depends on a clean close.
        }
    }

    private static Optional<Probe> checkSocketFile(DockerEndpoint c, Path socket) {
        if (!Files.exists(socket)) {
            return Optional.of(failed(c, ConnectionAttempt.Outcome.NOTHING_THERE, "no socket at " + socket));
        }
        try {
            int mode = (int) Files.getAttribute(socket, "unix:mode");
            if ((mode & 0170000) != 0140000) {
                return Optional.of(failed(c, ConnectionAttempt.Outcome.FAILED, socket + " exists but is not a socket"));
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // No unix attribute view (Windows) or unreadable parent: let the connection attempt say more.
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return Optional.of(failed(c, ConnectionAttempt.Outcome.PERMISSION_DENIED, permissionDetail(socket)));
        }
        return Optional.empty();
    }

    private static String permissionDetail(Path socket) {
        try {
            PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class);
            return "permission denied: " + socket + " belongs to " + a.owner().getName() + ":"
                    + a.group().getName() + " ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(a.permissions())
                    + ") and this user is not allowed to use it";
        } catch (IOException | UnsupportedOperationException e) {
            return "permission denied: this user may not use " + socket;
        }
    }

    private static Probe classify(DockerEndpoint c, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof AccessDeniedException || msg.contains("Permission denied")) {
                return failed(c, ConnectionAttempt.Outcome.PERMISSION_DENIED, "permission denied: " + msg);
            }
            if (t instanceof ConnectException || msg.contains("Connection refused")) {
                return failed(
                        c,
                        ConnectionAttempt.Outcome.NOTHING_THERE,
                        "connection refused: nothing listens there (a socket left by an engine that stopped?)");
            }
            if (t instanceof NoSuchFileException || msg.contains("No such file")) {
                return failed(c, ConnectionAttempt.Outcome.NOTHING_THERE, "nothing there: " + msg);
            }
            if (t instanceof SocketTimeoutException) {
                return failed(
                        c,
                        ConnectionAttempt.Outcome.FAILED,
                        "did not answer within " + PROBE_RESPONSE.toSeconds() + " s (engine hung or still starting?)");
            }
            if (t instanceof UnknownHostException) {
                return failed(c, ConnectionAttempt.Outcome.FAILED, "unknown host " + msg);
            }
        }
        return failed(c, ConnectionAttempt.Outcome.FAILED, "failed: " + e);
    }

    private static Probe failed(DockerEndpoint c, ConnectionAttempt.Outcome outcome, String detail) {
        return new Probe(new ConnectionAttempt(c, outcome, detail), Optional.empty(), null);
    }

    /**
     * docker-java's configuration for an endpoint: TLS from the context's folder, else from
     * {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH}; registry logins from the Docker CLI
     * config. Costly to build, so only made when needed.
     */
    static DefaultDockerClientConfig config(DockerEndpoint c) {
        DefaultDockerClientConfig.Builder b =
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(c.address());
        if (c.tlsCertDir().isPresent()) {
            b.withDockerTlsVerify(true).withDockerCertPath(c.tlsCertDir().get().toString());
        }
        return b.build();
    }

    private static boolean usesTls(DockerEndpoint c, DockerEnvironment env) {
        if (c.tlsCertDir().isPresent() || c.address().startsWith("https:")) {
            return true;
        }
        String verify = env.variable("DOCKER_TLS_VERIFY").orElse("");
        return c.address().startsWith("tcp:") && !verify.isEmpty() && !verify.equals("0");
    }

    static DockerHttpClient httpClient(DockerEndpoint c, DockerEnvironment env) {
        ZerodepDockerHttpClient.Builder b = new ZerodepDockerHttpClient.Builder()
                .connectionTimeout(PROBE_CONNECT)
                .responseTimeout(RESPONSE_TIMEOUT);
        if (usesTls(c, env)) {
            DefaultDockerClientConfig cfg = config(c);
            b.dockerHost(cfg.getDockerHost()).sslConfig(cfg.getSSLConfig());
        } else {
            b.dockerHost(URI.create(
                    c.address().startsWith("http:") ? "tcp:" + c.address().substring(5) : c.address()));
        }
        return b.build();
    }
}
