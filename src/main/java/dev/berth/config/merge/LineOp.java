package dev.berth.config.merge;

/**
 * An edit of the new release's text: lines {@code [from, to)} (0-based) are replaced by
 * {@code replacement}, zero or more whole lines each ending with {@code \n}. {@code from == to}
 * inserts before line {@code from}.
 *
 * @param mineFrom first line of the user's file this edit carries over, or -1
 * @param mineTo last line (inclusive) of the user's file this edit carries over, or -1
 */
record LineOp(int from, int to, String replacement, int mineFrom, int mineTo) {

    LineOp {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad line range [" + from + ", " + to + ")");
        }
        if (!replacement.isEmpty() && !replacement.endsWith("\n")) {
            throw new IllegalArgumentException("a replacement is whole lines");
        }
    }

    static LineOp of(int from, int to, String replacement) {
        return new LineOp(from, to, replacement, -1, -1);
    }

    boolean isInsert() {
        return from == to;
    }
}
