package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A logical database dump stored as {@code databases/<service>.<format>}.
 *
 * @param service the compose service the dump came from
 * @param format the file extension, which says how to restore it ({@code sql}, {@code dump}, ...)
 * @param path the archive path
 */
@JsonPropertyOrder({"service", "format", "path"})
public record DumpRecord(String service, String format, String path) {
    public DumpRecord {
        ArchiveFormat.requireIdentifier("service", service);
        ArchiveFormat.requireIdentifier("dump format", format);
        if (!path.equals(pathFor(service, format))) {
            throw new IllegalArgumentException("dump of " + service + " must be stored at " + pathFor(service, format));
        }
    }

    public static DumpRecord of(String service, String format) {
        return new DumpRecord(service, format, pathFor(service, format));
    }

    static String pathFor(String service, String format) {
        return ArchiveFormat.DATABASES + "/" + service + "." + format;
    }
}
