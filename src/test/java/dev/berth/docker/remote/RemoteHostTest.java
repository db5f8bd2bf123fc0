package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteHostTest {

    @Test
    void userAtHostUsesPort22() {
        RemoteHost h = RemoteHost.parse("deploy@server.example.org", "me");
        assertThat(h).isEqualTo(new RemoteHost("deploy", "server.example.org", 22));
        assertThat(h.address()).isEqualTo("deploy@server.example.org:22");
        assertThat(h.knownHostsName()).isEqualTo("server.example.org");
    }

    @Test
    void aPortAfterAColonIsUsed() {
        RemoteHost h = RemoteHost.parse("deploy@10.0.0.5:2222", "me");
        assertThat(h.port()).isEqualTo(2222);
        assertThat(h.knownHostsName()).isEqualTo("[10.0.0.5]:2222");
    }

    @Test
    void aMissingUserIsTheLocalOne() {
        assertThat(RemoteHost.parse("nas.local", "alice").user()).isEqualTo("alice");
    }

    @Test
    void sshUrlsAsInDockerHostAreRead() {
        assertThat(RemoteHost.parse("ssh://deploy@server:2200", "me"))
                .isEqualTo(new RemoteHost("deploy", "server", 2200));
        assertThat(RemoteHost.parse("ssh://server", "me")).isEqualTo(new RemoteHost("me", "server", 22));
        assertThat(RemoteHost.parse("SSH://deploy@server/", "me").host()).isEqualTo("server");
        assertThat(RemoteHost.fromDockerHost("ssh://deploy@server:2200"))
                .contains(new RemoteHost("deploy", "server", 2200));
        assertThat(RemoteHost.fromDockerHost("unix:///var/run/docker.sock")).isEmpty();
        assertThat(RemoteHost.fromDockerHost("tcp://10.0.0.5:2376")).isEmpty();
        assertThat(RemoteHost.fromDockerHost(null)).isEmpty();
    }

    @Test
    void ipv6AddressesNeedBrackets() {
        RemoteHost h = RemoteHost.parse("root@[2001:db8::1]:2222", "me");
        assertThat(h.host()).isEqualTo("2001:db8::1");
        assertThat(h.address()).isEqualTo("root@[2001:db8::1]:2222");
        assertThat(h.knownHostsName()).isEqualTo("[2001:db8::1]:2222");
        assertThat(RemoteHost.parse("ssh://root@[::1]:22", "me").host()).isEqualTo("::1");
    }

    @Test
    void passwordsInAddressesAreRefused() {
        assertThatThrownBy(() -> RemoteHost.parse("deploy:hunter2@server", "me"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RemoteHost.parse("ssh://deploy:hunter2@server", "me"))
                .hasMessageContaining("holds a password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RemoteHost.parse("ssh://deploy:hunter2@server/path", "me"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RemoteHost.parse("deploy:hunter2@server@x", "me"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void brokenAddressesSayWhatToWrite() {
        assertThatThrownBy(() -> RemoteHost.parse("", "me")).hasMessageContaining("user@host");
        assertThatThrownBy(() -> RemoteHost.parse("a@b@c", "me")).hasMessageContaining("is not an SSH address");
        assertThatThrownBy(() -> RemoteHost.parse("deploy@server:99999", "me")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> RemoteHost.parse("deploy@server:x", "me"))
                .hasMessageContaining("is not an SSH address");
        assertThatThrownBy(() -> RemoteHost.parse("https://server", "me")).hasMessageContaining("scheme https");
        assertThatThrownBy(() -> RemoteHost.parse("ssh://deploy@server/path", "me"))
                .hasMessageContaining("path");
        assertThatThrownBy(() -> RemoteHost.parse("de ploy@server", "me")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteHost.parse("deploy@-server", "me")).hasMessageContaining("not a valid host");
        assertThatThrownBy(() -> new RemoteHost("-oProxyCommand=x", "server", 22))
                .hasMessageContaining("user name");
    }

    @Test
    void keyFileAndJumpHostAreKeptAndShown() {
        RemoteHost bastion = RemoteHost.parse("jump@bastion:2022", "me");
        RemoteHost h = RemoteHost.parse("deploy@app", "me")
                .withIdentityFile(Path.of("/keys/id_ed25519"))
                .withJump(bastion);
        assertThat(h.identityFile()).contains(Path.of("/keys/id_ed25519"));
        assertThat(h.jump()).isEqualTo(Optional.of(bastion));
        assertThat(h).hasToString("deploy@app:22 via jump@bastion:2022");
    }
}
