package dev.berth.bench;

import dev.berth.Corpus;
import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ProjectOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads and resolves every compose file of the corpus (with its nearest env template) N times
 * after a warm-up and prints the mean time per file and for the whole corpus. No JMH: a plain
 * main, run from the test class path:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.berth.bench.CorpusBench [runs] [warmup]
 * </pre>
 */
public final class CorpusBench {
    private CorpusBench() {}

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> files =
                Corpus.files((p, a) -> p.getFileName().toString().matches(".*\\.ya?ml(\\.example)?$") && isCompose(p));
        ComposeLoader loader = new ComposeLoader();
        for (int i = 0; i < warmup; i++) {
            for (Path f : files) {
                loadOnce(loader, f);
            }
        }
        long[] nanos = new long[files.size()];
        int failed = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < files.size(); i++) {
                long t0 = System.nanoTime();
                if (!loadOnce(loader, files.get(i)) && r == 0) {
                    failed++;
                }
                nanos[i] += System.nanoTime() - t0;
            }
        }
        long total = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            lines.add(String.format(
                    "%9.3f ms  %s", nanos[i] / 1e6 / runs, Corpus.root().relativize(files.get(i))));
        }
        lines.forEach(System.out::println);
        System.out.printf(
                "%d compose files (%d refused with a ConfigException), %d runs after %d warm-up runs%n",
                files.size(), failed, runs, warmup);
        System.out.printf(
                "whole corpus, warm: %.1f ms per run (wall), %.1f ms per run (CPU time of this thread);"
                        + " %.3f ms per file on average (wall)%n",
                total / 1e6 / runs, cpu / 1e6 / runs, total / 1e6 / runs / files.size());
    }

    private static boolean loadOnce(ComposeLoader loader, Path f) {
        Optional<Path> env = envFile(f);
        try {
            loader.load(ProjectOptions.of(f.getParent())
                    .withFiles(List.of(f))
                    .withEnvFiles(env.map(List::of).orElse(List.of())));
            return true;
        } catch (ConfigException e) {
            if (Boolean.getBoolean("bench.why")) {
                System.err.println(Corpus.root().relativize(f) + ": " + e.getMessage());
            }
            return false;
        }
    }

    private static Optional<Path> envFile(Path file) {
        Path rel = Corpus.root().relativize(file);
        Path release = Corpus.root().resolve(rel.getName(0)).resolve(rel.getName(1));
        for (Path d = file.getParent(); d != null && d.startsWith(release); d = d.getParent()) {
            for (String n : List.of(".env", ".env.example", "env.example", ".env.sample")) {
                if (Files.isRegularFile(d.resolve(n))) {
                    return Optional.of(d.resolve(n));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isCompose(Path p) {
        try {
            return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("services:"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
