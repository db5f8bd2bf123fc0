package dev.berth.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SHA-256 of the files a plan read, so a run can refuse to start on files that changed since. */
public final class FileHashes {
    private FileHashes() {}

    /** Hex SHA-256 of a file's bytes, or "" when it does not exist. */
    public static String sha256(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hashes of the given files, keyed by their absolute path. */
    public static Map<String, String> of(List<Path> files) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (Path f : files) {
            m.put(f.toAbsolutePath().toString(), sha256(f));
        }
        return m;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
