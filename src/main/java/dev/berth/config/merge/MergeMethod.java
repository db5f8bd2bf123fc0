package dev.berth.config.merge;

/** How a file was merged. */
public enum MergeMethod {
    /** Only one side changed the file, or both changed it alike: that side's text, byte for byte. */
    WHOLE_FILE,
    /** YAML merged key by key, starting from the new release's text. */
    KEYS,
    /** Line by line, classic diff3. */
    LINES
}
