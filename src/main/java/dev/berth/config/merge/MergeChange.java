package dev.berth.config.merge;

/**
 * One change that went into a merged file, and whose it is.
 *
 * @param summary what changed, in a few words ("value changed", "key added", "comment added"); never a value
 */
public record MergeChange(MergeLocation location, Provenance provenance, String summary) {

    @Override
    public String toString() {
        return location.describe() + ": " + summary + " (" + provenance + ")";
    }
}
