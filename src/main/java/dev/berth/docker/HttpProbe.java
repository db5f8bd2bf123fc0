package dev.berth.docker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a health check's {@code GET} from the machine the app runs on, where {@code 127.0.0.1}
 * means that machine: directly on this computer, through the SSH connection for a server ({@code
 * dev.berth.docker.remote.TunnelHttpProbe}). Thread-safe.
 */
@FunctionalInterface
public interface HttpProbe {

    /**
     * GETs {@code url} and returns the status code; redirects are not followed.
     *
     * @throws IOException when nothing answers within {@code timeout} or the connection fails
     */
    int status(URI url, Duration timeout) throws IOException, InterruptedException;

    /** Requests from this computer. */
    static HttpProbe direct() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        return (url, timeout) -> client.send(
                        HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
