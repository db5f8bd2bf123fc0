package dev.berth.config.merge;

import java.util.List;

/** Where in a file a merge change or conflict is. Line numbers are 1-based; 0 means absent from that file. */
public sealed interface MergeLocation {

    /** A short description for messages, e.g. {@code services.web.image (mine line 12, theirs line 14)}. */
    String describe();

    /** The file as a whole, when one side's version of it is taken. */
    record WholeFile() implements MergeLocation {
        @Override
        public String describe() {
            return "whole file";
        }
    }

    /** A YAML key path, e.g. {@code [services, web, image]}. */
    record KeyPath(List<String> keys, int baseLine, int mineLine, int theirsLine) implements MergeLocation {
        public KeyPath {
            keys = List.copyOf(keys);
        }

        /** The keys joined with dots; a key that holds a dot or a space is quoted. */
        public String dotted() {
            if (keys.isEmpty()) {
                return "(top level)";
            }
            StringBuilder sb = new StringBuilder();
            for (String key : keys) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                boolean quote = key.isEmpty() || key.chars().anyMatch(c -> c == '.' || c == ' ' || c == '"');
                sb.append(quote ? '"' + key.replace("\"", "\\\"") + '"' : key);
            }
            return sb.toString();
        }

        /** The last key, whose name decides whether the value is secret. */
        public String lastKey() {
            return keys.isEmpty() ? "" : keys.getLast();
        }

        @Override
        public String describe() {
            return dotted() + " (" + lines(baseLine, mineLine, theirsLine) + ")";
        }
    }

    /**
     * Ranges of lines in the three files: {@code count} lines from {@code from}; a count of 0 is an
     * empty range just before line {@code from}.
     */
    record Lines(int baseFrom, int baseCount, int mineFrom, int mineCount, int theirsFrom, int theirsCount)
            implements MergeLocation {

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder();
            range(sb, "mine", mineFrom, mineCount);
            range(sb, "theirs", theirsFrom, theirsCount);
            range(sb, "base", baseFrom, baseCount);
            return sb.toString();
        }

        private static void range(StringBuilder sb, String file, int from, int count) {
            if (from == 0 && count == 0) {
                return; // not located in this file
            }
            sb.append(sb.isEmpty() ? "" : ", ")
                    .append(
                            switch (count) {
                                case 0 -> "before line " + from;
                                case 1 -> "line " + from;
                                default -> "lines " + from + "-" + (from + count - 1);
                            })
                    .append(" of ")
                    .append(file);
        }
    }

    private static String lines(int base, int mine, int theirs) {
        return "mine " + line(mine) + ", theirs " + line(theirs) + ", base " + line(base);
    }

    private static String line(int line) {
        return line == 0 ? "absent" : "line " + line;
    }
}
