package dev.berth.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Plain GETs to the engine API for reads docker-java does not model ({@code /system/df}), models
 * without a field Berth needs (the mount {@code Type} in {@code /containers/json}), or that a
 * scan makes on every run. Paths are unversioned, so the engine answers with its own API version
 * (never pinned). On a Unix socket the JDK's own socket is used; elsewhere docker-java's transport.
 */
sealed interface RawApi extends AutoCloseable permits RawApi.Unix, RawApi.Transport {

    /** The answer of {@code GET path} as JSON. */
    JsonTree getJson(String path) throws IOException;

    @Override
    void close() throws IOException;

    /** A Unix socket, one connection per call. */
    record Unix(Path socket, Duration timeout) implements RawApi {
        @Override
        public JsonTree getJson(String path) throws IOException {
            UnixSocketHttp.Response r = UnixSocketHttp.get(socket, path, timeout);
            if (r.status() / 100 != 2) {
                throw httpError(path, r.status(), new String(r.body(), StandardCharsets.UTF_8));
            }
            return JsonTree.parse(r.body());
        }

        @Override
        public void close() {}
    }

    /** docker-java's zerodep transport (TCP with or without TLS, Windows named pipes). */
    record Transport(DockerHttpClient http) implements RawApi {
        @Override
        public JsonTree getJson(String path) throws IOException {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET)
                    .path(path)
                    .build();
            try (DockerHttpClient.Response r = http.execute(request);
                    InputStream body = r.getBody()) {
                if (r.getStatusCode() / 100 != 2) {
                    throw httpError(path, r.getStatusCode(), new String(body.readNBytes(4096), StandardCharsets.UTF_8));
                }
                return JsonTree.parse(body);
            }
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }

    private static DockerException httpError(String path, int status, String body) {
        return new DockerException(
                "The engine answered GET " + path + " with HTTP " + status + ": " + errorMessage(body));
    }

    /** The engine's {@code message} from an error body, else the body. */
    static String errorMessage(String body) {
        try {
            return JsonTree.parse(body).path("message").asText(body).strip();
        } catch (IOException e) {
            return body.strip();
        }
    }
}
