package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {
    private static final RemoteHost HOST = new RemoteHost("u", "server.example", 2222);

    @TempDir
    Path tmp;

    static PublicKey rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair().getPublic();
    }

    static PublicKey ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair().getPublic();
    }

    static String line(String host, PublicKey key) {
        return host + " " + PublicKeyEntry.toString(key) + "\n";
    }

    @Test
    void aMissingFileKnowsNoHost() throws Exception {
        KnownHosts k = new KnownHosts(tmp.resolve("none"));
        assertThat(k.check("server.example", 2222, rsa())).isEqualTo(new KnownHosts.Verdict.Unknown(List.of()));
    }

    @Test
    void theSameKeyIsTrustedOnlyForItsHostAndPort() throws Exception {
        PublicKey key = rsa();
        Path f = tmp.resolve("known_hosts");
        Files.writeString(f, "# comment\n\n" + line("[server.example]:2222", key));
        KnownHosts k = new KnownHosts(f);
        assertThat(k.check("server.example", 2222, key)).isEqualTo(new KnownHosts.Verdict.Trusted(3));
        assertThat(k.check("server.example", 22, key)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(k.check("other.example", 2222, key)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
    }

    @Test
    void anotherKeyOfTheSameTypeIsAChangeWithTheKnownFingerprint() throws Exception {
        PublicKey old = rsa();
        Path f = tmp.resolve("known_hosts");
        Files.writeString(f, line("[server.example]:2222", old));
        KnownHosts.Verdict v = new KnownHosts(f).check("server.example", 2222, rsa());
        assertThat(v).isEqualTo(new KnownHosts.Verdict.Changed(KnownHosts.fingerprint(old), 1));
    }

    @Test
    void aKeyOfAnotherTypeIsUnknownAndNamesTheKnownType() throws Exception {
        Path f = tmp.resolve("known_hosts");
        Files.writeString(f, line("[server.example]:2222", rsa()));
        assertThat(new KnownHosts(f).check("server.example", 2222, ec()))
                .isEqualTo(new KnownHosts.Verdict.Unknown(List.of("ssh-rsa")));
        assertThat(new KnownHosts(f).knownTypes("server.example", 2222)).containsExactly("ssh-rsa");
    }

    @Test
    void aMatchingLineWinsOverAConflictingOne() throws Exception {
        PublicKey key = rsa();
        Path f = tmp.resolve("known_hosts");
        Files.writeString(f, line("[server.example]:2222", rsa()) + line("[server.example]:2222", key));
        assertThat(new KnownHosts(f).check("server.example", 2222, key)).isEqualTo(new KnownHosts.Verdict.Trusted(2));
    }

    @Test
    void revokedKeysAreRefusedEvenWhenAlsoListed() throws Exception {
        PublicKey key = rsa();
        Path f = tmp.resolve("known_hosts");
        Files.writeString(
                f,
                line("[server.example]:2222", key) + "@revoked [server.example]:2222 " + PublicKeyEntry.toString(key)
                        + "\n");
        assertThat(new KnownHosts(f).check("server.example", 2222, key)).isEqualTo(new KnownHosts.Verdict.Revoked(2));
    }

    @Test
    void wildcardsAndBrokenLinesBehaveAsInOpenSsh() throws Exception {
        PublicKey key = ec();
        Path f = tmp.resolve("known_hosts");
        Files.writeString(
                f,
                "this is not a known_hosts line\n"
                        + line("*.example,!bad.example", key).replace("*.example", "[*.example]:2222"));
        KnownHosts k = new KnownHosts(f);
        assertThat(k.check("server.example", 2222, key)).isInstanceOf(KnownHosts.Verdict.Trusted.class);
    }

    @Test
    void acceptedKeysAreAppendedPlainOrHashedAndThenTrusted() throws Exception {
        PublicKey a = rsa();
        PublicKey b = ec();
        Path f = tmp.resolve(".ssh/known_hosts");
        KnownHosts k = new KnownHosts(f);
        k.accept(HOST, a, KnownHosts.HostNameForm.PLAIN);
        Files.writeString(f, Files.readString(f).stripTrailing()); // a file without a final newline
        k.accept(new RemoteHost("u", "other.example", 22), b, KnownHosts.HostNameForm.HASHED);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("[server.example]:2222 ssh-rsa ");
        assertThat(lines.get(1)).startsWith("|1|").doesNotContain("other.example");
        assertThat(k.check("server.example", 2222, a)).isInstanceOf(KnownHosts.Verdict.Trusted.class);
        assertThat(k.check("other.example", 22, b)).isInstanceOf(KnownHosts.Verdict.Trusted.class);
        assertThat(k.check("server.example", 22, b)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) { // not on Windows
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void fingerprintsAreOpenSshs() throws Exception {
        PublicKey key = rsa();
        byte[] blob = Base64.getDecoder().decode(PublicKeyEntry.toString(key).split(" ")[1]);
        String expected = "SHA256:"
                + Base64.getEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        assertThat(KnownHosts.fingerprint(key)).isEqualTo(expected).doesNotEndWith("=");
        assertThat(KnownHosts.keyType(key)).isEqualTo("ssh-rsa");
        assertThat(KnownHosts.keyType(ec())).isEqualTo("ecdsa-sha2-nistp256");
        assertThat(new String(blob, 4, 7, StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
    }
}
