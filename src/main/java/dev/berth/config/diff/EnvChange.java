package dev.berth.config.diff;

/**
 * One difference between two env files. Values are as they may be shown: secret values masked
 * ({@link SecretMasker#MASK}), URL passwords masked; a secret that changed shows as two equal masks
 * and says so in {@link #describe()}.
 */
public sealed interface EnvChange {

    /** The variable's name (the new name for a rename). */
    String key();

    /** One line for the command line and golden files, e.g. {@code changed  TAG: 5.34 -> 5.39}. */
    String describe();

    /** A variable only the new file sets. */
    record Added(String key, String value) implements EnvChange {
        @Override
        public String describe() {
            return "added    " + key + "=" + value;
        }
    }

    /** A variable only the old file sets. */
    record Removed(String key, String value) implements EnvChange {
        @Override
        public String describe() {
            return "removed  " + key + "=" + value;
        }
    }

    /** A variable that moved to a new name; {@code before} and {@code after} are its values under each. */
    record Renamed(String from, String key, String before, String after, ValueChange value, RenameEvidence evidence)
            implements EnvChange {
        @Override
        public String describe() {
            String value = this.value == ValueChange.KEPT ? "value kept" : "value " + arrow(before, after);
            String why = evidence == RenameEvidence.MANIFEST ? "" : ", guessed from the same value and name: check it";
            return "renamed  " + from + " -> " + key + " (" + value + why + ")";
        }
    }

    /** A value the new file changes. */
    record Changed(String key, String before, String after) implements EnvChange {
        @Override
        public String describe() {
            return "changed  " + key + ": " + arrow(before, after);
        }
    }

    /** A value that was the old release's default and is now the new release's default. */
    record DefaultUpdated(String key, String before, String after) implements EnvChange {
        @Override
        public String describe() {
            return "default  " + key + ": " + arrow(before, after) + " (new default)";
        }
    }

    /** Whether a renamed variable kept its value. */
    enum ValueChange {
        KEPT,
        CHANGED
    }

    /** How a rename is known. */
    enum RenameEvidence {
        /** The release manifest says so ({@code renamedFrom}). */
        MANIFEST,
        /** The old name went, the new one came with the same value and most of the old name's words. */
        SAME_VALUE_AND_NAME
    }

    private static String arrow(String before, String after) {
        String shown = (before.isEmpty() ? "(empty)" : before) + " -> " + (after.isEmpty() ? "(empty)" : after);
        return before.equals(after) ? shown + " (secret changed)" : shown;
    }
}
