package dev.berth.docker.remote;

import dev.berth.docker.HttpProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Sends a health check's {@code GET} from the server: the request goes through a forwarded port of
 * the SSH connection to the URL's host and port as the server resolves them (so {@code 127.0.0.1}
 * is the server). Plain HTTP and HTTPS (the TLS session runs end to end, with the URL's host name
 * for SNI and certificate checks); only the status line is read.
 */
final class TunnelHttpProbe implements HttpProbe {
    private final SessionSource sessions;

    TunnelHttpProbe(SessionSource sessions) {
        this.sessions = sessions;
    }

    @Override
    public int status(URI url, Duration timeout) throws IOException {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("only http and https URLs can be checked, not " + url);
        }
        String host = url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        RemoteSession session = sessions.session();
        try (ExplicitPortForwardingTracker tunnel = session.mina()
                .createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(host, port))) {
            SshdSocketAddress local = tunnel.getBoundAddress();
            try (Socket plain = new Socket()) {
                int millis = (int) Math.max(1, timeout.toMillis());
                plain.connect(new InetSocketAddress("127.0.0.1", local.getPort()), millis);
                plain.setSoTimeout(millis);
                Socket s = scheme.equals("https")
                        ? ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, false)
                        : plain;
                String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
                String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
                String hostHeader = (host.contains(":") ? "[" + host + "]" : host)
                        + (url.getPort() == -1 ? "" : ":" + url.getPort());
                OutputStream out = s.getOutputStream();
                out.write(("GET " + path + query + " HTTP/1.1\r\nHost: " + hostHeader
                                + "\r\nUser-Agent: Berth\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("the connection closed without an answer (through "
                            + session.host().address() + ")");
                }
                String[] parts = line.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new IOException("not an HTTP answer: " + line);
                }
                try {
                    return Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IOException("not an HTTP status line: " + line, e);
                }
            }
        }
    }
}
