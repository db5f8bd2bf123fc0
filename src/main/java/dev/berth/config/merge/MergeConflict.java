package dev.berth.config.merge;

import dev.berth.config.diff.SecretMasker;
import java.util.List;
import java.util.Optional;

/**
 * A place both sides changed differently. The values are the raw texts from each file (the YAML
 * value as written, or the lines of a hunk); empty when the key or lines are absent from that file.
 * They may hold secrets: show them only through {@link #display(SecretMasker)}.
 *
 * @param id 1-based number of the conflict within its file, the key of a resolution
 */
public record MergeConflict(
        int id, MergeLocation location, Optional<String> base, Optional<String> mine, Optional<String> theirs) {

    /** The conflict as text for the user, secrets masked. */
    public String display(SecretMasker masker) {
        StringBuilder sb = new StringBuilder();
        sb.append("conflict ")
                .append(id)
                .append(": ")
                .append(location.describe())
                .append('\n');
        side(sb, "base:  ", base, masker);
        side(sb, "mine:  ", mine, masker);
        side(sb, "theirs:", theirs, masker);
        return sb.toString();
    }

    private void side(StringBuilder sb, String label, Optional<String> value, SecretMasker masker) {
        sb.append("  ").append(label);
        if (value.isEmpty()) {
            sb.append(" (absent)\n");
            return;
        }
        List<String> lines = masked(value.get(), masker);
        if (lines.size() == 1) {
            sb.append(' ').append(lines.getFirst()).append('\n');
            return;
        }
        sb.append('\n');
        for (String line : lines) {
            sb.append("    | ").append(line).append('\n');
        }
    }

    private List<String> masked(String value, SecretMasker masker) {
        List<String> lines = value.isEmpty() ? List.of("") : value.lines().toList();
        if (location instanceof MergeLocation.KeyPath path && lines.size() == 1) {
            return List.of(masker.maskValue(path.lastKey(), lines.getFirst()));
        }
        if (location instanceof MergeLocation.KeyPath path && masker.isSecret(path.lastKey())) {
            return lines.stream().map(l -> l.isBlank() ? l : SecretMasker.MASK).toList();
        }
        return masker.maskLines(lines);
    }

    /** The location and masked values; never the raw values. */
    @Override
    public String toString() {
        return display(SecretMasker.withDefaultNames()).strip();
    }
}
