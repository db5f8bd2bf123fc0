package dev.berth.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Plain HTTP calls to the engine API for what docker-java does not model ({@code /system/df}) or
 * models without a field Berth needs (the mount {@code Type} in {@code /containers/json}). Paths
 * are unversioned, so the engine answers with its own API version (never pinned).
 */
final class RawApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private RawApi() {}

    static JsonNode getJson(DockerHttpClient http, String path) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .build();
        try (DockerHttpClient.Response r = http.execute(request);
                InputStream body = r.getBody()) {
            if (r.getStatusCode() / 100 != 2) {
                String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
                throw new DockerException("The engine answered GET " + path + " with HTTP " + r.getStatusCode() + ": "
                        + errorMessage(text));
            }
            return JSON.readTree(body);
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("message").asText(body).strip();
        } catch (IOException e) {
            return body.strip();
        }
    }
}
