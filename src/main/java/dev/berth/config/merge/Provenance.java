package dev.berth.config.merge;

/** Where a change in the merged file comes from. */
public enum Provenance {
    /** The user's edit, carried over into the new release's file. */
    KEPT_MINE,
    /** The new release's change, which the user had not touched. */
    TOOK_THEIRS,
    /** Both sides changed the place compatibly: the same change, or both appended to a list. */
    COMBINED
}
