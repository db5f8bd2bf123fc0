package dev.berth.cli;

import dev.berth.docker.Bytes;
import dev.berth.docker.Health;
import dev.berth.docker.scan.DataSize;
import dev.berth.docker.scan.Install;
import dev.berth.docker.scan.InstallWarning;
import dev.berth.docker.scan.ScanResult;
import dev.berth.docker.scan.ServiceInfo;
import dev.berth.docker.scan.ServiceState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code berth scan}'s plain table, then warnings and notes. */
final class ScanTable {
    private static final String[] HEADER = {"PROJECT", "STATE", "VERSION", "SERVICES", "DATA", "FOLDER"};

    private ScanTable() {}

    static String write(ScanResult result) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        if (result.installs().isEmpty()) {
            sb.append("No compose installs found.").append(nl);
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (Install i : result.installs()) {
                rows.add(new String[] {
                    i.project(),
                    state(i),
                    i.version().version().orElse("?"),
                    services(i),
                    data(i.dataSize()),
                    i.workingDir().map(Path::toString).orElse("?")
                            + (i.workingDirState() == Install.WorkingDirState.MISSING ? " (missing)" : "")
                });
            }
            int[] widths = new int[HEADER.length];
            for (String[] r : rows) {
                for (int c = 0; c < r.length; c++) {
                    widths[c] = Math.max(widths[c], r[c].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < r.length; c++) {
                    line.append(c == r.length - 1 ? r[c] : pad(r[c], widths[c] + 2));
                }
                sb.append(line.toString().stripTrailing()).append(nl);
            }
        }
        boolean first = true;
        for (Install i : result.installs()) {
            for (InstallWarning w : i.warnings()) {
                if (first) {
                    sb.append(nl).append("Warnings:").append(nl);
                    first = false;
                }
                sb.append("  ")
                        .append(i.project())
                        .append(": ")
                        .append(w.message())
                        .append(nl);
            }
        }
        if (!result.notes().isEmpty()) {
            sb.append(nl);
            result.notes().forEach(n -> sb.append("Note: ").append(n).append(nl));
        }
        return sb.toString();
    }

    private static String state(Install i) {
        String s = i.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        long unhealthy = i.services().stream()
                .filter(x -> x.health() == Health.UNHEALTHY)
                .count();
        return unhealthy > 0 ? s + ", " + unhealthy + " unhealthy" : s;
    }

    private static String services(Install i) {
        if (i.state() == Install.InstallState.NOT_CREATED) {
            return Integer.toString(i.services().size());
        }
        long running = i.services().stream()
                .map(ServiceInfo::state)
                .filter(s -> s == ServiceState.RUNNING)
                .count();
        return running + "/" + i.services().size() + " up";
    }

    private static String data(DataSize d) {
        return switch (d.completeness()) {
            case COMPLETE -> Bytes.format(d.bytes());
            case PARTIAL -> d.bytes() == 0 ? "?" : ">= " + Bytes.format(d.bytes());
            case NOT_MEASURED -> "-";
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
