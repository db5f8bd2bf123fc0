package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.backup.BackupCatalog;
import dev.berth.backup.BackupCopy;
import dev.berth.backup.BackupException;
import dev.berth.backup.BackupFolders;
import dev.berth.backup.BackupListing;
import dev.berth.config.ConfigException;
import dev.berth.docker.Host;
import dev.berth.docker.RunningCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth backups [--json] [DIR...]}: lists backups, newest first. */
@Command(
        name = "backups",
        mixinStandardHelpOptions = true,
        description = {
            "Lists backups, newest first; with --host those kept on the server, with --copy-to copies them here.",
            "Without DIR: the default backup folder. A DIR is a backup folder (its backups and those of its"
                    + " subfolders) or an install folder (the backups of that install in the default folder)."
        })
public final class BackupsCommand implements Callable<Integer> {
    private static final List<String> COMPOSE_FILES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

    @Option(
            names = "--json",
            description = "Print a JSON array of {file, app, version, project, install, created, size, verified}.")
    boolean json;

    @Parameters(
            paramLabel = "DIR",
            arity = "0..*",
            description = "Backup or install folders (on the server with --host), or .berth files.")
    List<String> dirs = new ArrayList<>();

    @Option(
            names = "--copy-to",
            paramLabel = "DIR",
            description = "Copy the listed backups to this folder on this computer: streamed with progress, the"
                    + " file's SHA-256 compared with the server's, then verified entry by entry. Backups of a"
                    + " server are kept on the server otherwise.")
    Path copyTo;

    @CommandLine.Mixin
    HostOptions hostOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Finds the default backup folder; read when the command runs, so broken settings only fail it. */
    interface Root {
        Path get() throws ConfigException;
    }

    private final Services services;
    private final Root defaultRoot;
    private final ZoneId zone;

    BackupsCommand(Services services) {
        this.services = services;
        this.defaultRoot = BackupFolders::defaultRoot;
        this.zone = ZoneId.systemDefault();
    }

    /** Lists the backups of this computer only, with {@code defaultRoot} as the default folder. */
    BackupsCommand(Root defaultRoot, ZoneId zone) {
        this.services = null;
        this.defaultRoot = defaultRoot;
        this.zone = zone;
    }

    @Override
    public Integer call() throws IOException, ConfigException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Host host = services == null ? null : hostOptions.select(services);
        boolean remote = host != null && !host.isLocal();
        Function<String, Path> paths = remote ? host::path : Path::of;
        Path root = remote ? host.backupRoot() : defaultRoot.get();
        List<Path> where = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        List<BackupListing> listings = new ArrayList<>();
        if (dirs.isEmpty()) {
            where.add(root);
            add(new BackupCatalog(root).list(), seen, listings);
        }
        for (String d : dirs) {
            Path dir = paths.apply(d);
            Path abs = dir.toAbsolutePath().normalize();
            where.add(abs);
            if (Files.isRegularFile(abs) && abs.getFileName().toString().endsWith(".berth")) {
                add(List.of(BackupCatalog.describe(abs)), seen, listings);
            } else if (!Files.isDirectory(abs)) {
                err.println("berth: " + dir + " is neither a folder nor a .berth file.");
                return ExitCode.USAGE;
            } else if (isInstall(abs) && !holdsBackups(abs)) {
                String install = abs.toRealPath().toString();
                List<BackupListing> ofInstall = new ArrayList<>();
                for (BackupListing l : new BackupCatalog(root).list()) {
                    if (l.install() != null
                            && (l.install().equals(install) || l.install().equals(abs.toString()))) {
                        ofInstall.add(l);
                    }
                }
                add(ofInstall, seen, listings);
            } else {
                add(new BackupCatalog(abs).list(), seen, listings);
            }
        }
        listings.sort((a, b) -> {
            int c = b.created() == null || a.created() == null
                    ? Boolean.compare(a.created() == null, b.created() == null)
                    : b.created().compareTo(a.created());
            return c != 0 ? c : a.file().compareTo(b.file());
        });
        Map<Path, Path> copies = new LinkedHashMap<>();
        if (copyTo != null) {
            Integer failed = copy(listings, remote ? host : null, copies, err);
            if (failed != null) {
                return failed;
            }
        }
        if (json) {
            out.println(toJson(listings, copies));
        } else if (listings.isEmpty()) {
            out.println("No backups in "
                    + String.join(", ", where.stream().map(Path::toString).toList()) + ".");
        } else {
            printTable(out, listings);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void add(List<BackupListing> found, Set<Path> seen, List<BackupListing> into) {
        for (BackupListing l : found) {
            if (seen.add(l.file())) {
                into.add(l);
            }
        }
    }

    private static boolean isInstall(Path dir) {
        return COMPOSE_FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static boolean holdsBackups(Path dir) throws IOException {
        // Not the glob "*.berth": it matches the install's own .berth folder (journal, runs).
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".berth") && !n.startsWith(".") && Files.isRegularFile(p);
        })) {
            return ds.iterator().hasNext();
        }
    }

    /**
     * Copies each listed backup to {@link #copyTo}; stops at the first failure (the copies made so
     * far stay, the failed one leaves nothing).
     *
     * @return null when every copy was made, else the exit code
     */
    private Integer copy(List<BackupListing> listings, Host server, Map<Path, Path> copies, PrintWriter err) {
        Path folder = copyTo.toAbsolutePath().normalize();
        for (BackupListing l : listings) {
            if (l.problem() != null) {
                err.println("berth: skipped " + l.file() + ": " + l.problem());
                continue;
            }
            try {
                Optional<String> sha = server == null ? Optional.empty() : serverSha256(server, l.file(), err);
                err.println("Copying " + l.file() + " (" + size(l.size()) + ") to " + folder + " ...");
                long[] step = {0};
                BackupCopy.Copied c = BackupCopy.toFolder(
                        l.file(),
                        folder,
                        sha,
                        (done, total, entry) -> {
                            long tenth = total <= 0 ? 0 : done * 10 / total;
                            if (tenth > step[0]) {
                                step[0] = tenth;
                                err.println("  " + (tenth * 10) + " %  " + size(done) + " of " + size(total));
                            }
                        },
                        () -> Thread.currentThread().isInterrupted());
                err.println("Copied to " + c.archive() + ": SHA-256 " + c.sha256()
                        + (sha.isPresent() ? " (same as on the server)" : "") + ", every entry verified.");
                copies.put(l.file(), c.archive());
            } catch (BackupException e) {
                err.println("berth: " + e.getMessage());
                return e.isRefusal() ? ExitCode.REFUSED : ExitCode.FAILED;
            }
        }
        err.flush();
        return null;
    }

    /** The file's SHA-256 as the server computes it ({@code sha256sum}); empty (said on stderr) without it. */
    static Optional<String> serverSha256(Host server, Path file, PrintWriter err) {
        try (RunningCommand c = server.commands()
                .start(List.of("sha256sum", "--", file.getFileName().toString()), Map.of(), file.getParent())) {
            c.stdin().close();
            byte[] stdout = c.stdout().readAllBytes();
            String stderr = new String(c.stderr().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!c.waitFor(Duration.ofMinutes(30)) || c.exitCode() != 0) {
                err.println("Note: the server could not hash " + file + " (" + stderr + "); the copy is checked"
                        + " entry by entry only.");
                return Optional.empty();
            }
            String line = new String(stdout, StandardCharsets.UTF_8).strip();
            int space = line.indexOf(' ');
            return Optional.of(space < 0 ? line : line.substring(0, space));
        } catch (IOException e) {
            err.println("Note: the server could not hash " + file + " (" + e.getMessage()
                    + "); the copy is checked entry by entry only.");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String toJson(List<BackupListing> listings, Map<Path, Path> copies) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BackupListing l : listings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", l.file().toString());
            m.put("app", l.app());
            m.put("version", l.version());
            m.put("project", l.project());
            m.put("install", l.install());
            m.put("created", l.created() == null ? null : l.created().toString());
            m.put("size", l.size());
            m.put("verified", l.verified());
            if (l.problem() != null) {
                m.put("problem", l.problem());
            }
            if (copies.containsKey(l.file())) {
                m.put("copy", copies.get(l.file()).toString());
            }
            rows.add(m);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows);
    }

    private void printTable(PrintWriter out, List<BackupListing> listings) {
        DateTimeFormatter when =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT).withZone(zone);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CREATED", "APP", "VERSION", "PROJECT", "SIZE", "VERIFIED", "FILE"});
        for (BackupListing l : listings) {
            if (l.problem() != null) {
                rows.add(new String[] {"-", "-", "-", "-", size(l.size()), "no", l.file() + "  (" + l.problem() + ")"});
            } else {
                rows.add(new String[] {
                    when.format(l.created()),
                    l.app(),
                    l.version(),
                    l.project(),
                    size(l.size()),
                    l.verified() ? "yes" : "no",
                    l.file().toString()
                });
            }
        }
        int[] width = new int[7];
        for (String[] r : rows) {
            for (int i = 0; i < 6; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                b.append(
                        i == 4
                                ? String.format("%" + width[i] + "s", r[i])
                                : String.format("%-" + width[i] + "s", r[i]));
                b.append("  ");
            }
            out.println(b.append(r[6]));
        }
    }

    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
