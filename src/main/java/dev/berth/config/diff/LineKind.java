package dev.berth.config.diff;

/** What a line of a diff hunk is. */
public enum LineKind {
    /** Unchanged, shown for context. */
    CONTEXT,
    /** Only in the old text. */
    REMOVED,
    /** Only in the new text. */
    ADDED
}
