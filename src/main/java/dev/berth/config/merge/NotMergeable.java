package dev.berth.config.merge;

/**
 * The key-level YAML merge cannot handle these files (not valid YAML, anchors, flow style where an
 * edit lands, a result that does not verify); the merge falls back to lines and keeps the reason.
 */
final class NotMergeable extends Exception {
    NotMergeable(String reason) {
        super(reason);
    }
}
