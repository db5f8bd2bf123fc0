package dev.berth.docker;

import dev.berth.backup.EntryType;
import dev.berth.backup.ListedEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder listed by busybox in a helper container mounted at {@code /v}, and the tar of some of
 * its entries. The names travel NUL-separated (a name may hold a newline, never a NUL); {@code
 * stat} prints one line per name, in the same order, without the name.
 */
final class HelperListing {
    static final String CHANGES_TAR = "/tmp/berth-changes.tar";

    /** Output: every name NUL-terminated, an empty name, then one {@code stat} line per name. */
    static final String LIST_SCRIPT = "cd /v || exit 2\n"
            + "find . -print0 > /tmp/berth-names || exit 3\n"
            + "cat /tmp/berth-names && printf '\\0' || exit 4\n"
            + "xargs -0 -r stat -c '%f %u %g %s %h %y %z' < /tmp/berth-names || exit 5\n";

    /**
     * Reads NUL-terminated names ({@code ./...}, at least one) on stdin and writes their tar, without
     * recursion, to {@link #CHANGES_TAR}. One tar command must take them all: a second would write
     * a second archive, so the script fails instead.
     */
    static final String CHANGES_SCRIPT = "cd /v || exit 2\n"
            + "xargs -0 -r sh -c 'if [ -e /tmp/berth-ran ]; then echo \"the names did not fit one tar command\" >&2;"
            + " exit 255; fi; : > /tmp/berth-ran; exec tar -c --no-recursion -f " + CHANGES_TAR
            + " -- \"$@\"' sh || exit 3\n";

    /** What one tar command may take: the kernel's limit for a command line is 2 MiB or more. */
    static final long MAX_NAME_BYTES = 1L << 20;

    private HelperListing() {}

    /** The bytes of {@code names} as {@link #CHANGES_SCRIPT} reads them. */
    static byte[] nameList(List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : names) {
            out.writeBytes((n.isEmpty() ? "." : "./" + n).getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    static List<ListedEntry> parse(byte[] out) throws IOException {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (true) {
            int end = indexOf(out, (byte) 0, i);
            if (end < 0) {
                throw new IOException("the listing ended inside its names");
            }
            if (end == i) {
                i++;
                break;
            }
            names.add(utf8(out, i, end - i));
            i = end + 1;
        }
        String[] lines = new String(out, i, out.length - i, StandardCharsets.UTF_8).split("\n");
        int n = lines.length == 1 && lines[0].isEmpty() ? 0 : lines.length;
        if (n != names.size()) {
            throw new IOException("the listing holds " + names.size() + " names but " + n + " stat lines");
        }
        List<ListedEntry> entries = new ArrayList<>(names.size());
        for (int k = 0; k < n; k++) {
            entries.add(entry(relative(names.get(k)), lines[k]));
        }
        return entries;
    }

    /**
     * A name that is not UTF-8 would reach the helper's tar changed (and not be found there); such
     * a folder is streamed whole instead.
     */
    private static String utf8(byte[] b, int off, int len) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(
                    "the folder holds a name that is not UTF-8: " + new String(b, off, len, StandardCharsets.UTF_8), e);
        }
    }

    private static String relative(String name) throws IOException {
        if (name.equals(".")) {
            return "";
        }
        if (!name.startsWith("./")) {
            throw new IOException("the listing holds a name outside the folder: " + name);
        }
        return name.substring(2);
    }

    /** One line of {@code %f %u %g %s %h %y %z}; the times are {@code 2026-11-26 10:45:07.181362241 +0000}. */
    private static ListedEntry entry(String name, String line) throws IOException {
        String[] f = line.strip().split(" ");
        if (f.length != 11) {
            throw new IOException("unexpected stat line: " + line);
        }
        try {
            int raw = Integer.parseInt(f[0], 16);
            EntryType type = switch (raw & 0170000) {
                case 0040000 -> EntryType.DIRECTORY;
                case 0100000 -> EntryType.FILE;
                case 0120000 -> EntryType.SYMLINK;
                default -> null;
            };
            return new ListedEntry(
                    name,
                    type,
                    raw & 07777,
                    Long.parseLong(f[1]),
                    Long.parseLong(f[2]),
                    Long.parseLong(f[3]),
                    time(f[5], f[6], f[7]),
                    time(f[8], f[9], f[10]),
                    Long.parseLong(f[4]));
        } catch (RuntimeException e) {
            throw new IOException("unexpected stat line: " + line, e);
        }
    }

    private static Instant time(String date, String clock, String zone) {
        return OffsetDateTime.parse(date + "T" + clock + zone.substring(0, 3) + ":" + zone.substring(3))
                .toInstant();
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
