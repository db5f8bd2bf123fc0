package dev.berth.config.merge;

/** A decision for one conflict, or for all of them (the command line's {@code --keep-mine} / {@code --take-theirs}). */
public enum ConflictPolicy implements Resolution {
    /** The user's version of the conflicting place. */
    KEEP_MINE,
    /** The new release's version of the conflicting place. */
    TAKE_THEIRS
}
