package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of entries a Berth backup holds; devices, fifos and sockets are never stored. */
public enum EntryType {
    @JsonProperty("dir")
    DIRECTORY,
    @JsonProperty("file")
    FILE,
    @JsonProperty("symlink")
    SYMLINK,
    /** A second name for a file stored earlier in the same section; {@code link} names it. */
    @JsonProperty("hardlink")
    HARDLINK
}
