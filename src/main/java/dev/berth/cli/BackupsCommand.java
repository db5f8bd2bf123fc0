package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.backup.BackupCatalog;
import dev.berth.backup.BackupFolders;
import dev.berth.backup.BackupListing;
import dev.berth.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth backups [--json] [DIR...]}: lists backups, newest first. */
@Command(
        name = "backups",
        mixinStandardHelpOptions = true,
        description = {
            "Lists backups, newest first.",
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

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Backup or install folders.")
    List<Path> dirs = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Finds the default backup folder; read when the command runs, so broken settings only fail it. */
    interface Root {
        Path get() throws ConfigException;
    }

    private final Root root;
    private final ZoneId zone;

    public BackupsCommand() {
        this(BackupFolders::defaultRoot, ZoneId.systemDefault());
    }

    BackupsCommand(Root root, ZoneId zone) {
        this.root = root;
        this.zone = zone;
    }

    @Override
    public Integer call() throws IOException, ConfigException {
        Path defaultRoot = root.get();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> where = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        List<BackupListing> listings = new ArrayList<>();
        if (dirs.isEmpty()) {
            where.add(defaultRoot);
            add(new BackupCatalog(defaultRoot).list(), seen, listings);
        }
        for (Path dir : dirs) {
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
                for (BackupListing l : new BackupCatalog(defaultRoot).list()) {
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
        if (json) {
            out.println(toJson(listings));
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
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.berth")) {
            return ds.iterator().hasNext();
        }
    }

    private static String toJson(List<BackupListing> listings) throws IOException {
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
