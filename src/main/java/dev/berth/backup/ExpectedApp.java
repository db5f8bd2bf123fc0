package dev.berth.backup;

/**
 * Which app a caller expects a backup to be of; verify refuses others with {@link
 * BackupException.Kind#OTHER_APP}.
 */
public record ExpectedApp(String app) {
    /** Accepts a backup of any app. */
    public static final ExpectedApp ANY = new ExpectedApp(null);

    public static ExpectedApp of(String app) {
        ArchiveFormat.requireIdentifier("app", app);
        return new ExpectedApp(app);
    }

    boolean accepts(String actual) {
        return app == null || app.equals(actual);
    }
}
