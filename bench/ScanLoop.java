import dev.berth.docker.DockerEngine;
import dev.berth.docker.scan.InstallScanner;
import dev.berth.docker.scan.ScanOptions;
import java.util.Arrays;
import java.util.List;

/** Warm scans inside one JVM with the client connected: what the desktop app pays per refresh. */
public final class ScanLoop {
    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args.length > 0 ? args[0] : "10");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "20");
        ScanOptions options = args.length > 2 && args[2].equals("fast")
                ? new ScanOptions(ScanOptions.Sizes.SKIP, ScanOptions.Drift.SKIP)
                : ScanOptions.defaults();
        try (DockerEngine engine = DockerEngine.connect()) {
            InstallScanner scanner = new InstallScanner(engine);
            int installs = 0;
            for (int i = 0; i < warmup; i++) {
                installs = scanner.scan(List.of(), options).installs().size();
            }
            long[] ms = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                scanner.scan(List.of(), options);
                ms[i] = (System.nanoTime() - t) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf("warm scan (%s): %d installs, min %d ms, median %d ms, max %d ms over %d runs%n",
                    args.length > 2 ? args[2] : "default", installs, ms[0], ms[runs / 2], ms[runs - 1], runs);
        }
    }
}
