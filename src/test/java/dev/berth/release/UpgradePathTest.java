package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradePathTest {

    @TempDir
    Path dir;

    Path releases;
    ReleaseLoader loader;

    @BeforeEach
    void catalog() throws IOException {
        releases = dir.resolve("releases");
        release("1.0.0", null);
        release("1.1.0", null);
        release("1.1.2", "upgrade: {stops: [\"1.0\"]}\n");
        release("1.1.3-rc1", null);
        release("1.2.0", null);
        release("2.0.0", "version: 2.0.0\nupgrade:\n  stops: [\"1.1\"]\n");
        release("2.0.1", "upgrade:\n  stops: [\"1.1\"]\n");
        release("3.0.0", "upgrade:\n  stops: [\"2.0\"]\n");
        loader = new ReleaseLoader();
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        loader.close();
    }

    void release(String name, String manifest) throws IOException {
        Path r = Files.createDirectories(releases.resolve(name));
        Files.writeString(r.resolve("docker-compose.yml"), "services: {}\n");
        if (manifest != null) {
            Files.writeString(r.resolve("berth.yaml"), manifest);
        }
    }

    Release target(String name) {
        return loader.load(new ReleaseSource.Folder(releases.resolve(name)));
    }

    UpgradePath path(String installed, String target) {
        try (ReleaseCatalog catalog = ReleaseCatalog.ofFolder(releases)) {
            return UpgradePath.compute(Version.parse(installed), target(target), catalog);
        }
    }

    @Test
    void aRequiredStopIsReachedWithItsNewestReleaseBeforeTheTarget() {
        UpgradePath.Hops hops = (UpgradePath.Hops) path("1.0.0", "2.0.0");
        assertThat(hops.versions()).extracting(Version::raw).containsExactly("1.1.2", "2.0.0");
        assertThat(hops.hops().getFirst().requiredBy()).contains("2.0.0 requires passing through 1.1");
        assertThat(hops.hops().getFirst().source()).isEqualTo(new ReleaseSource.Folder(releases.resolve("1.1.2")));
        assertThat(hops.hops().getLast().requiredBy()).isEmpty();
    }

    @Test
    void stopsChainThroughEveryReleaseOnTheWay() {
        UpgradePath.Hops hops = (UpgradePath.Hops) path("1.0.0", "3.0.0");
        assertThat(hops.versions()).extracting(Version::raw).containsExactly("1.1.2", "2.0.1", "3.0.0");
        assertThat(hops.hops().get(1).requiredBy()).contains("3.0.0 requires passing through 2.0");
    }

    @Test
    void aStopsOwnStopsComeFirst() {
        // 1.1.2 needs 1.0 first: 0.9 → 1.0.0 → 1.1.2 → 2.0.0.
        UpgradePath.Hops hops = (UpgradePath.Hops) path("0.9", "2.0.0");
        assertThat(hops.versions()).extracting(Version::raw).containsExactly("1.0.0", "1.1.2", "2.0.0");
        assertThat(hops.hops().getFirst().requiredBy()).contains("1.1.2 requires passing through 1.0");
    }

    @Test
    void anInstallOnOrPastTheStopGoesStraightToTheTarget() {
        assertThat(((UpgradePath.Hops) path("1.1.0", "2.0.0")).versions())
                .extracting(Version::raw)
                .containsExactly("2.0.0");
        assertThat(((UpgradePath.Hops) path("v1.1", "2.0.0")).versions())
                .extracting(Version::raw)
                .containsExactly("2.0.0");
        assertThat(((UpgradePath.Hops) path("1.2.0", "2.0.0")).versions())
                .extracting(Version::raw)
                .containsExactly("2.0.0");
    }

    @Test
    void aPreReleaseNeverServesAsAStop() throws IOException {
        ReleaseLoader.deleteTree(releases.resolve("1.1.0"));
        ReleaseLoader.deleteTree(releases.resolve("1.1.2"));
        UpgradePath p = path("1.0.0", "2.0.0");
        assertThat(p).isInstanceOf(UpgradePath.Refused.class);
        assertThat(((UpgradePath.Refused) p).reason()).isEqualTo(UpgradePath.Reason.MISSING_STOP);
    }

    @Test
    void aMissingStopWithOnlyTheTargetIsRefusedNamingTheStop() {
        Release target = target("2.0.0");
        UpgradePath p = UpgradePath.compute(Version.parse("1.0.0"), target, ReleaseCatalog.of(target));
        assertThat(p)
                .isEqualTo(new UpgradePath.Refused(
                        UpgradePath.Reason.MISSING_STOP,
                        "2.0.0 requires passing through 1.1 first; no 1.1.x release was found in "
                                + releases.resolve("2.0.0") + "; upgrade to 1.1.x first or give a folder/repository"
                                + " that contains it. Nothing was changed; 1.0.0 still runs.",
                        java.util.List.of(
                                "2.0.0",
                                "1.1",
                                "1.1.x",
                                releases.resolve("2.0.0").toString(),
                                "1.0.0")));
    }

    @Test
    void aDowngradeIsRefusedAsARestore() {
        UpgradePath p = path("2.0.0", "1.1.2");
        assertThat(p).isInstanceOf(UpgradePath.Refused.class);
        UpgradePath.Refused r = (UpgradePath.Refused) p;
        assertThat(r.reason()).isEqualTo(UpgradePath.Reason.DOWNGRADE);
        assertThat(r.message())
                .isEqualTo("1.1.2 is older than the installed 2.0.0: Berth does not downgrade, because 2.0.0 may have"
                        + " migrated the data in ways 1.1.2 cannot read. To go back, restore the backup taken before the"
                        + " upgrade to 2.0.0 (berth restore). Nothing was changed.");
    }

    @Test
    void theSameVersionHasNothingToDo() {
        assertThat(path("2.0.0", "2.0.0")).isEqualTo(new UpgradePath.UpToDate(Version.parse("2.0.0")));
        assertThat(path("v2.0", "2.0.0")).isEqualTo(new UpgradePath.UpToDate(Version.parse("v2.0")));
    }

    @Test
    void withoutStopsTheTargetIsTheOnlyHop() {
        UpgradePath.Hops hops = (UpgradePath.Hops) path("1.0.0", "1.2.0");
        assertThat(hops.hops())
                .containsExactly(new UpgradePath.Hop(
                        Version.parse("1.2.0"), new ReleaseSource.Folder(releases.resolve("1.2.0")), Optional.empty()));
    }
}
