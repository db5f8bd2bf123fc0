package dev.berth.config.env;

import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes an {@link EnvFile} back: the entries' texts and line endings in order, in UTF-8, with the
 * byte order mark when the file had one. A file read by {@link EnvParser} and written unchanged
 * gives the same bytes.
 */
public final class EnvWriter {
    private EnvWriter() {}

    /** The file's bytes. */
    public static byte[] toBytes(EnvFile file) {
        byte[] body = file.text().getBytes(StandardCharsets.UTF_8);
        if (!file.bom()) {
            return body;
        }
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    /**
     * Writes the file to {@code target} atomically, keeping the target's permissions (see {@link
     * AtomicFiles#write(Path, byte[])}).
     *
     * @throws IOException when writing fails; the target is then unchanged
     */
    public static void write(EnvFile file, Path target) throws IOException {
        AtomicFiles.write(target, toBytes(file));
    }
}
