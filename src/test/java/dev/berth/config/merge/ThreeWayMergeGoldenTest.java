package dev.berth.config.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.diff.SecretMasker;
import dev.berth.config.env.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Merged texts and conflict reports of realistic user edits on real release files, as golden files. */
class ThreeWayMergeGoldenTest {
    private final ThreeWayMerge merge = new ThreeWayMerge();

    private static String corpus(String path) throws IOException {
        return Files.readString(Corpus.root().resolve(path));
    }

    private static String report(MergeResult result) {
        String changes = result.changes().stream().map(c -> c + "\n").collect(Collectors.joining());
        String conflicts = result.conflicts().stream()
                .map(c -> c.display(SecretMasker.withDefaultNames()))
                .collect(Collectors.joining());
        return "method: " + result.method()
                + result.fallbackReason().map(r -> " (" + r + ")").orElse("") + "\n" + "changes:\n" + changes
                + "conflicts:\n" + conflicts;
    }

    @Test
    void openImRpcConfigKeepsTheUsersPortAndNoteUnderTheNewComments() throws IOException {
        String base = corpus("open-im-server/v3.8.2/config/openim-rpc-user.yml");
        String theirs = corpus("open-im-server/v3.8.3/config/openim-rpc-user.yml");
        String mine = base.replace("  listenIP: 0.0.0.0\n", "  # only on the private network\n  listenIP: 10.0.0.5\n")
                .replace("[ 10320 ]", "[ 10320, 10321 ]")
                .replace("[ 12320 ]", "[ 12320, 12321 ]");

        MergeResult result = merge.merge("config/openim-rpc-user.yml", base, mine, theirs);

        assertThat(result.conflicts()).isEmpty();
        Golden.assertMatches(
                "merge/openim-rpc-user.merged.yml", result.mergedText().orElseThrow());
        Golden.assertMatches("merge/openim-rpc-user.report.txt", report(result));
    }

    @Test
    void mattermostComposeLikePicasoftsKeepsTheirImagesAndTakesTheReleaseVolumes() throws IOException {
        String base = corpus("mattermost-docker/2021-06-15_4e0749c/docker-compose.yml");
        String theirs = corpus("mattermost-docker/2021-12-17_9e91b71/docker-compose.yml");
        String mine = base.replace(
                        "    image: postgres:${POSTGRES_IMAGE_TAG}\n",
                        "    image: registry.picasoft.net:5000/pica-mattermost-db:13 # our own build\n")
                .replace(
                        "    image: mattermost/${MATTERMOST_IMAGE}:${MATTERMOST_IMAGE_TAG}\n",
                        "    image: registry.picasoft.net:5000/pica-mattermost:5.34\n")
                .replace(
                        "      - MM_SERVICESETTINGS_SITEURL\n",
                        "      - MM_SERVICESETTINGS_SITEURL\n      - MM_LOGSETTINGS_CONSOLELEVEL=INFO\n")
                .replace("    container_name: mattermost\n", "    container_name: mattermost-app\n");

        MergeResult result = merge.merge("docker-compose.yml", base, mine, theirs);

        assertThat(result.method()).isEqualTo(MergeMethod.KEYS);
        assertThat(result.conflicts()).isEmpty();
        Golden.assertMatches(
                "merge/mattermost-compose.merged.yml", result.mergedText().orElseThrow());
        Golden.assertMatches("merge/mattermost-compose.report.txt", report(result));
    }

    @Test
    void aValueBothSidesChangedIsAConflictShownWithMarkers() throws IOException {
        String base = corpus("mattermost-docker/2021-06-15_4e0749c/docker-compose.yml");
        String theirs = corpus("mattermost-docker/2021-12-17_9e91b71/docker-compose.yml");
        String mine = base.replace(
                        "    pids_limit: 200\n    read_only: true\n", "    pids_limit: 200\n    read_only: false\n")
                .replace("      - POSTGRES_PASSWORD\n", "      - POSTGRES_PASSWORD=hunter2\n");

        MergeResult result = merge.merge("docker-compose.yml", base, mine, theirs);

        assertThat(result.conflicts()).hasSize(1);
        Golden.assertMatches("merge/mattermost-conflict.markers.yml", result.withConflictMarkers());
        Golden.assertMatches("merge/mattermost-conflict.report.txt", report(result));
        assertThat(report(result)).doesNotContain("hunter2");
    }
}
