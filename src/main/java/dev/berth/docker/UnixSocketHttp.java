package dev.berth.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 GET over a Unix socket, with the JDK only, for the engine's read-only JSON
 * calls ({@code /version}, {@code /containers/json}, {@code /system/df}). The zerodep transport
 * sets up TLS (and reads the CA certificates) even for a Unix socket, which made a cold {@code
 * berth scan} several times slower; docker-java's client still does everything else.
 */
final class UnixSocketHttp {
    private static final int MAX_BODY = 256 * 1024 * 1024;

    private UnixSocketHttp() {}

    /** A status code and the body. */
    record Response(int status, byte[] body) {}

    /**
     * Sends {@code GET path} and reads the whole answer.
     *
     * @throws IOException when the socket cannot be used, the answer is not HTTP, or {@code
     *     timeout} passes (the socket is then closed)
     */
    static Response get(Path socket, String path, Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(timeout);
                ch.close(); // unblocks the read below
            } catch (InterruptedException | IOException e) {
                // Finished in time (interrupted) or already closed.
            }
        });
        try (ch) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String request =
                    "GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: berth\r\nConnection: close\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + status);
            }
            int code = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding")
                        && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] body;
            if (chunked) {
                body = dechunk(in);
            } else if (length >= 0) {
                if (length > MAX_BODY) {
                    throw new IOException("answer too large: " + length + " bytes");
                }
                body = in.readNBytes((int) length);
            } else {
                body = in.readNBytes(MAX_BODY);
            }
            return new Response(code, body);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw new java.io.InterruptedIOException("interrupted while asking the engine (GET " + path + ")");
        } catch (java.nio.channels.AsynchronousCloseException e) {
            throw new java.net.SocketTimeoutException(
                    "no answer from " + socket + " within " + timeout.toSeconds() + " s");
        } finally {
            watchdog.interrupt();
        }
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
            if (n == 0) {
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY) {
                throw new IOException("answer too large");
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length < n) {
                throw new IOException("answer ended inside a chunk");
            }
            body.write(chunk);
            line(in);
        }
    }

    /** One CRLF-terminated line, without the terminator. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
            if (sb.length() > 64 * 1024) {
                throw new IOException("header line too long");
            }
        }
        throw new IOException("connection closed in the middle of the answer");
    }
}
