package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.LocalCommandRunner;
import dev.berth.docker.RunningCommand;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.SshTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteLockIT {
    @TempDir
    Path tmp;

    SshConnector connector;
    RemoteSession a;
    RemoteSession b;
    Path install;
    Path lockFile;

    @BeforeEach
    void connect() throws IOException {
        SshTestBed.require();
        connector = new SshConnector(SshTestBed.options(SshTestBed.knownHosts(tmp)));
        a = connector.connect(SshTestBed.host());
        b = connector.connect(SshTestBed.host());
        install = a.path("/home/" + SshTestBed.USER, "berth-it-lock-" + DockerTestBed.randomHex(4));
        lockFile = install.resolve(".berth/lock");
    }

    @AfterEach
    void close() throws Exception {
        try (RunningCommand rm = b.commands().start(List.of("rm", "-rf", install.toString()), Map.of(), Path.of("/"))) {
            rm.stdin().close();
            rm.waitFor(Duration.ofSeconds(10));
        }
        a.close();
        b.close();
        connector.close();
    }

    @Test
    void aSecondHolderIsRefusedWithTheFirstNamed() throws Exception {
        try (RemoteLock lock = RemoteLock.acquire(a.commands(), lockFile, "upgrading to 2.0.0")) {
            assertThat(lock.isHeld()).isTrue();
            assertThat(Files.readString(lockFile)).contains("Berth on ").contains("upgrading to 2.0.0");
            assertThatThrownBy(() -> RemoteLock.acquire(b.commands(), lockFile, "restoring"))
                    .isInstanceOf(RemoteLock.LockedException.class)
                    .hasMessageContaining("Another Berth process is working on " + install)
                    .hasMessageContaining("upgrading to 2.0.0")
                    .hasMessageContaining("Nothing was changed");
            assertThat(flockFromTheServer())
                    .as("flock(1) run on the server sees the lock")
                    .isEqualTo(1);
        }
        assertThat(flockFromTheServer()).isZero();
        try (RemoteLock again = RemoteLock.acquire(b.commands(), lockFile, "restoring")) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void theSameLockExcludesABerthRunningOnTheServerItself() throws Exception {
        // The server is this machine: a Berth CLI there would lock with a local runner.
        LocalCommandRunner onTheServer = LocalCommandRunner.inheritingEnvironment();
        Path sameFile = Path.of(lockFile.toString());
        try (RemoteLock lock = RemoteLock.acquire(a.commands(), lockFile, "upgrading from the desktop")) {
            assertThatThrownBy(() -> RemoteLock.acquire(onTheServer, sameFile, "restoring on the server"))
                    .isInstanceOf(RemoteLock.LockedException.class)
                    .hasMessageContaining("upgrading from the desktop")
                    .hasMessageContaining("on this computer");
        }
        try (RemoteLock local = RemoteLock.acquire(onTheServer, sameFile, "restoring on the server")) {
            assertThatThrownBy(() -> RemoteLock.acquire(b.commands(), lockFile, "upgrading from the desktop"))
                    .isInstanceOf(RemoteLock.LockedException.class)
                    .hasMessageContaining("restoring on the server");
        }
    }

    @Test
    void theServerReleasesTheLockWhenTheHoldersConnectionDies() throws Exception {
        RemoteLock lock = RemoteLock.acquire(a.commands(), lockFile, "upgrading");
        a.mina().close(true); // as when the desktop process dies: the TCP connection just ends
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        RemoteLock taken = null;
        while (taken == null && System.nanoTime() < deadline) {
            try {
                taken = RemoteLock.acquire(b.commands(), lockFile, "restoring");
            } catch (RemoteLock.LockedException e) {
                Thread.sleep(100);
            }
        }
        assertThat(taken).as("the lock was released by the server").isNotNull();
        assertThat(lock.isHeld()).isFalse();
        taken.close();
        lock.close();
    }

    /** {@code flock -n} on the lock file run on the server: 0 when free, 1 when held. */
    private int flockFromTheServer() throws Exception {
        try (RunningCommand c =
                b.commands().start(List.of("flock", "-n", lockFile.toString(), "true"), Map.of(), Path.of("/"))) {
            c.stdin().close();
            assertThat(c.waitFor(Duration.ofSeconds(10))).isTrue();
            return c.exitCode();
        }
    }
}
