package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code busybox:1.36} image works like the official one for what tests and demos use. */
class BusyboxImageIT {

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @Test
    void appletsAreSymlinksToOneStaticBinaryAndTheDefaultCommandIsSh() {
        ProcessResult r = Commands.run(
                        Duration.ofSeconds(60),
                        "docker",
                        "run",
                        "--rm",
                        "--network",
                        "none",
                        DockerTestBed.BUSYBOX,
                        "sh",
                        "-c",
                        "readlink /bin/ls; readlink /bin/wget; id -un; echo $PATH; ls -ld /tmp | cut -c1-10")
                .orFail();
        assertThat(r.stdout().lines().toList())
                .containsExactly(
                        "busybox",
                        "busybox",
                        "root",
                        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "drwxrwxrwt");
        assertThat(Commands.run(
                                Duration.ofSeconds(30),
                                "docker",
                                "image",
                                "inspect",
                                "--format",
                                "{{json .Config.Cmd}}",
                                DockerTestBed.BUSYBOX)
                        .orFail()
                        .stdout()
                        .strip())
                .isEqualTo("[\"sh\"]");
    }
}
