package dev.berth.docker.scan;

import java.util.List;

/**
 * What a scan found.
 *
 * @param installs the installs, sorted by project name then working dir
 * @param notes things about the scan as a whole (containers not created by compose, folders that
 *     do not exist), for the user
 */
public record ScanResult(List<Install> installs, List<String> notes) {
    public ScanResult {
        installs = List.copyOf(installs);
        notes = List.copyOf(notes);
    }
}
