package dev.berth.config.merge;

import dev.berth.config.diff.SecretMasker;

/** How the user settles one conflict. */
public sealed interface Resolution permits ConflictPolicy, Resolution.Edited {

    /**
     * A text the user wrote. For a key conflict in YAML it is the key's new value as YAML
     * ({@code 8081}, {@code "a b"}, {@code [ 1, 2 ]}, or several lines for a block value); for a line
     * conflict it is the lines that replace the whole conflicting hunk.
     */
    record Edited(String text) implements Resolution {
        public Edited {
            if (text == null) {
                throw new IllegalArgumentException("an edited resolution needs a text (it may be empty)");
            }
        }

        @Override
        public String toString() {
            return "Edited[" + (text.isEmpty() ? "" : SecretMasker.MASK) + "]";
        }
    }
}
