package dev.berth.engine;

import java.util.List;

/**
 * What the planner found, for people: per release hop the files it will write and why, the env
 * changes, conflicts and warnings. The GUI shows it page by page; {@code berth plan} prints it.
 * Never holds secret values.
 *
 * @param hops one entry per release the install passes through, in order
 * @param versionPath the versions in order, starting with the installed one
 * @param releaseNotes release notes of the target (and stops), as text, when the releases ship them
 */
public record PlanReport(List<Hop> hops, List<String> versionPath, List<String> releaseNotes) {
    public PlanReport {
        hops = List.copyOf(hops);
        versionPath = List.copyOf(versionPath);
        releaseNotes = List.copyOf(releaseNotes);
    }

    /** One release hop. */
    public record Hop(
            String version,
            String requiredBy,
            List<FileChange> files,
            List<EnvChange> env,
            List<String> conflicts,
            List<Conflict> conflictDetails,
            List<String> missing,
            List<String> warnings) {
        public Hop {
            files = List.copyOf(files);
            env = List.copyOf(env);
            conflicts = List.copyOf(conflicts);
            conflictDetails = List.copyOf(conflictDetails);
            missing = List.copyOf(missing);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * One place that both the user and the release changed, for the user to decide (by {@code id}
     * within its file). {@code display} shows base, mine and theirs with secrets masked.
     */
    public record Conflict(String path, int id, String location, String display) {}

    /** A file the hop writes, keeps or removes, and why. */
    public record FileChange(String path, String action, String detail) {}

    /**
     * What an env file merge did.
     *
     * @param added new variables (with the template's default)
     * @param removed variables the new template lacks (kept at the end of the file, commented)
     * @param renamed "OLD → NEW" entries
     * @param defaultUpdated variables that took the new default because the user had not changed them
     * @param generated variables that got a generated secret
     * @param answered variables set from the user's answers
     */
    public record EnvChange(
            String file,
            String template,
            List<String> added,
            List<String> removed,
            List<String> renamed,
            List<String> defaultUpdated,
            List<String> generated,
            List<String> answered) {
        public EnvChange {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            renamed = List.copyOf(renamed);
            defaultUpdated = List.copyOf(defaultUpdated);
            generated = List.copyOf(generated);
            answered = List.copyOf(answered);
        }
    }
}
