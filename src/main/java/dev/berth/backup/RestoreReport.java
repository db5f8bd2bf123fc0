package dev.berth.backup;

import java.util.List;

/**
 * What a restore did.
 *
 * @param entries entries written (files, folders, links; volume entries included)
 * @param bytes content bytes written
 * @param ownershipNotes owners that could not be kept (Berth not running as root), one line per
 *     owner with a count; empty when every owner was kept
 */
public record RestoreReport(long entries, long bytes, List<String> ownershipNotes) {
    public RestoreReport {
        ownershipNotes = List.copyOf(ownershipNotes);
    }
}
