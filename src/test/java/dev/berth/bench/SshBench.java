package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.berth.docker.CommandRunner;
import dev.berth.docker.LocalCommandRunner;
import dev.berth.docker.RunningCommand;
import dev.berth.docker.remote.DockerSocketForward;
import dev.berth.docker.remote.RemoteSession;
import dev.berth.docker.remote.SshConnector;
import dev.berth.testbed.SshTestBed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures the SSH transport against local access on the test bed's loopback sshd: SFTP write and
 * read of a 200 MB file vs the local disk, command round trips over SSH exec vs ProcessBuilder, and
 * docker-java "ps" through the forwarded socket vs the local one. No JMH: a plain main, run from the
 * test class path (as root, with the test bed up):
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.berth.bench.SshBench [MB] [runs]
 * </pre>
 */
public final class SshBench {
    private SshBench() {}

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path tmp = Files.createTempDirectory("berth-bench");
        try (SshConnector connector = new SshConnector(SshTestBed.options(SshTestBed.knownHosts(tmp)));
                RemoteSession session = connector.connect(SshTestBed.host())) {
            System.out.printf("server %s, %d MB file, %d runs%n", session.serverVersion(), mb, runs);
            files(session, mb);
            commands(session, runs);
            docker(session, runs);
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void files(RemoteSession session, int mb) throws IOException {
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        Path local = Path.of("/var/tmp/berth-bench-" + ProcessHandle.current().pid());
        Path remote = session.path("/home/" + SshTestBed.USER + "/berth-bench-"
                + ProcessHandle.current().pid());
        try {
            for (int round = 0; round < 2; round++) { // the first round warms up the JIT and the page cache
                double lw = write(local, chunk, mb);
                double rw = write(remote, chunk, mb);
                double lr = read(local, mb);
                double rr = read(remote, mb);
                if (round == 1) {
                    System.out.printf(
                            Locale.ROOT,
                            "write: local disk %6.0f MB/s, SFTP loopback %6.0f MB/s (%.1fx slower)%n",
                            lw,
                            rw,
                            lw / rw);
                    System.out.printf(
                            Locale.ROOT,
                            "read:  local disk %6.0f MB/s, SFTP loopback %6.0f MB/s (%.1fx slower)%n",
                            lr,
                            rr,
                            lr / rr);
                }
            }
        } finally {
            Files.deleteIfExists(local);
            Files.deleteIfExists(remote);
        }
    }

    private static double write(Path p, byte[] chunk, int mb) throws IOException {
        long t0 = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(p)) {
            for (int i = 0; i < mb; i++) {
                out.write(chunk);
            }
        }
        return mb / ((System.nanoTime() - t0) / 1e9);
    }

    private static double read(Path p, int mb) throws IOException {
        byte[] buf = new byte[1 << 16];
        long n = 0;
        long t0 = System.nanoTime();
        try (InputStream in = Files.newInputStream(p)) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                n += r;
            }
        }
        if (n != (long) mb << 20) {
            throw new IOException("read " + n + " bytes of " + ((long) mb << 20));
        }
        return mb / ((System.nanoTime() - t0) / 1e9);
    }

    private static void commands(RemoteSession session, int runs) throws Exception {
        double[] local = roundTrips(LocalCommandRunner.inheritingEnvironment(), Path.of("/"), runs);
        double[] remote = roundTrips(session.commands(), Path.of("/"), runs);
        System.out.printf(
                Locale.ROOT, "command round trip (`true`): local %s, SSH exec %s%n", stats(local), stats(remote));
    }

    private static double[] roundTrips(CommandRunner runner, Path dir, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = -5; i < runs; i++) {
            long t0 = System.nanoTime();
            try (RunningCommand c = runner.start(List.of("true"), Map.of("X", "y"), dir)) {
                c.stdin().close();
                c.stdout().readAllBytes();
                c.waitFor(Duration.ofSeconds(30));
                if (c.exitCode() != 0) {
                    throw new IllegalStateException("true failed");
                }
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }

    private static void docker(RemoteSession session, int runs) throws Exception {
        try (DockerSocketForward fwd = session.forwardDockerSocket(
                        DockerSocketForward.DEFAULT_SOCKET, DockerSocketForward.LocalEndpoint.UNIX_SOCKET);
                DockerClient remote = client(fwd.dockerHost());
                DockerClient local = client("unix:///var/run/docker.sock")) {
            double[] l = new double[runs];
            double[] r = new double[runs];
            ps(local, 5);
            ps(remote, 5);
            for (int i = 0; i < runs; i++) { // alternate, so load from elsewhere hits both alike
                l[i] = ps(local, 1)[0];
                r[i] = ps(remote, 1)[0];
            }
            System.out.printf(
                    Locale.ROOT, "docker ps -a (docker-java): local socket %s, SSH tunnel %s%n", stats(l), stats(r));
            try (DockerClient fresh = client(fwd.dockerHost())) {
                long t0 = System.nanoTime();
                fresh.pingCmd().exec();
                System.out.printf(
                        Locale.ROOT,
                        "first call through the tunnel (new channel): %.1f ms%n",
                        (System.nanoTime() - t0) / 1e6);
            }
        }
    }

    private static double[] ps(DockerClient client, int runs) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            client.listContainersCmd().withShowAll(true).exec();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static DockerClient client(String host) {
        DefaultDockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        return DockerClientImpl.getInstance(
                cfg,
                new ZerodepDockerHttpClient.Builder()
                        .dockerHost(cfg.getDockerHost())
                        .sslConfig(cfg.getSSLConfig())
                        .build());
    }

    private static String stats(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(
                Locale.ROOT,
                "median %.1f ms, p90 %.1f ms",
                s[s.length / 2],
                s[Math.min(s.length - 1, s.length * 9 / 10)]);
    }
}
