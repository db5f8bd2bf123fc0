package dev.berth.backup;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gives restored entries their archived owner where the process may: always as root, only the
 * group as another user who owns the entry. Owners that cannot be kept are counted for the report.
 */
final class Ownership {
    private long euid = -1;
    private long egid = -1;
    private final Map<String, Long> notKept = new TreeMap<>();

    /** For tests: act as if running with these ids. */
    Ownership(long euid, long egid) {
        this.euid = euid;
        this.egid = egid;
    }

    Ownership() {
        long[] ids = fromProc();
        if (ids != null) {
            euid = ids[0];
            egid = ids[1];
        }
    }

    /**
     * Gives {@code p} the archived owner.
     *
     * @param fresh whether {@code p} was just created in a folder this restore created, so it is
     *     owned by the process's own uid and gid (no setgid parent) and equal ids need no call
     */
    void apply(Path p, EntryRecord rec, boolean fresh) throws IOException {
        if (!FileMeta.unix()) {
            return;
        }
        if (!p.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            // A server's files through SFTP: they belong to the SSH login, which cannot give them away.
            if (!Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(Long.toString(rec.uid()))) {
                notKept.merge("uid " + rec.uid() + ", gid " + rec.gid(), 1L, Long::sum);
            }
            return;
        }
        if (euid < 0) {
            euid = ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue() & 0xffffffffL;
            egid = ((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue() & 0xffffffffL;
        }
        if (fresh && rec.uid() == euid && rec.gid() == egid) {
            return;
        }
        if (euid == 0) {
            Files.setAttribute(p, "unix:uid", (int) rec.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", (int) rec.gid(), LinkOption.NOFOLLOW_LINKS);
            return;
        }
        if (rec.uid() != euid) {
            notKept.merge("uid " + rec.uid() + ", gid " + rec.gid(), 1L, Long::sum);
            return;
        }
        if (rec.gid() != egid) {
            try {
                Files.setAttribute(p, "unix:gid", (int) rec.gid(), LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) {
                // not a member of that group: the entry keeps ours, and the report says so
                notKept.merge("uid " + rec.uid() + ", gid " + rec.gid(), 1L, Long::sum);
            }
        }
    }

    /** Effective uid and gid from {@code /proc/self/status} (Linux), or null elsewhere. */
    private static long[] fromProc() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return null;
        }
        try {
            long uid = -1;
            long gid = -1;
            for (String line : Files.readAllLines(status)) {
                String[] f = line.split("\\s+");
                if (f.length > 2 && f[0].equals("Uid:")) {
                    uid = Long.parseLong(f[2]);
                } else if (f.length > 2 && f[0].equals("Gid:")) {
                    gid = Long.parseLong(f[2]);
                }
            }
            return uid >= 0 && gid >= 0 ? new long[] {uid, gid} : null;
        } catch (IOException | NumberFormatException e) {
            return null; // fall back to the owner of the first file created
        }
    }

    List<String> notes() {
        List<String> out = new ArrayList<>();
        notKept.forEach((owner, count) -> out.add(count + (count == 1 ? " entry belongs" : " entries belong") + " to "
                + owner + " in the backup but now to you (uid " + euid + ", gid " + egid
                + "): only root may give files away. Restore as root to keep the owners."));
        return out;
    }
}
