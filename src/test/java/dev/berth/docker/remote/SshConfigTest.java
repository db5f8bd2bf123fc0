package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigTest {
    @TempDir
    Path tmp;

    SshConfig config;

    @BeforeEach
    void write() throws IOException {
        Path f = tmp.resolve("config");
        Files.writeString(f, """
                Host nas
                  HostName 10.0.0.5
                  User admin
                  Port 2200
                  IdentityFile /keys/id_nas
                  ProxyJump bastion

                Host bastion
                  HostName bastion.example.org
                  User jump
                  Port 2022

                Host *.internal
                  User deploy
                """);
        config = SshConfig.read(f);
    }

    @Test
    void anAliasTakesHostNameUserPortKeyAndJumpHostFromTheFile() {
        RemoteHost h = config.resolve("nas", "me");

        assertThat(h.address()).isEqualTo("admin@10.0.0.5:2200");
        assertThat(h.identityFile()).contains(Path.of("/keys/id_nas"));
        assertThat(h.jump().map(RemoteHost::address)).contains("jump@bastion.example.org:2022");
    }

    @Test
    void whatTheAddressGivesWinsOverTheFileAsWithSsh() {
        RemoteHost h = config.resolve("root@nas:22", "me");

        assertThat(h.address()).isEqualTo("root@10.0.0.5:22");
    }

    @Test
    void patternsApplyAndUnknownHostsAreTakenAsWritten() {
        assertThat(config.resolve("db.internal", "me").address()).isEqualTo("deploy@db.internal:22");
        assertThat(config.resolve("elsewhere:2222", "me"))
                .isEqualTo(new RemoteHost("me", "elsewhere", 2222, Optional.empty(), Optional.empty()));
    }

    @Test
    void aMissingFileChangesNothingAndABadAddressIsStillRefused() throws IOException {
        SshConfig none = SshConfig.read(tmp.resolve("no-such-config"));

        assertThat(none.resolve("u@h:2", "me").address()).isEqualTo("u@h:2");
        assertThatThrownBy(() -> config.resolve("u:pw@nas", "me"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a password");
    }
}
