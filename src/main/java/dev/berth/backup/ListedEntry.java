package dev.berth.backup;

import java.time.Instant;

/**
 * One entry of a folder as a helper container lists it ({@code stat}, no content), for a phase 2
 * that streams only what changed: see {@link BackupWriter#entriesToCopyAgain}.
 *
 * @param name the path relative to the folder, {@code ""} for the folder itself
 * @param type the entry's type, or null for what a backup skips (fifos, sockets, devices)
 * @param mode the permission bits ({@code 07777})
 * @param size in bytes (a symlink's: its target's length)
 * @param mtime with the nanoseconds the file system keeps
 * @param ctime with the nanoseconds the file system keeps
 * @param links the hard-link count
 */
public record ListedEntry(
        String name,
        EntryType type,
        int mode,
        long uid,
        long gid,
        long size,
        Instant mtime,
        Instant ctime,
        long links) {}
