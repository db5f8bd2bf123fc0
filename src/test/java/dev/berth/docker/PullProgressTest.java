package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PullProgressTest {
    /** The event sequence the engine sent for a two-layer image whose base layer existed (PLATFORM-NOTES §4). */
    @Test
    void sumsDownloadAndExtractionOfEveryLayerToBeFetched() {
        PullProgress p = new PullProgress();
        p.accept("1", "Pulling from bigger", null, null);
        p.accept("51baf7a106ff", "Already exists", null, null);
        p.accept("00c03ba90e6e", "Pulling fs layer", null, null);
        p.accept("700178b88b40", "Pulling fs layer", null, null);
        assertThat(p.total()).as("sizes not known yet").isZero();
        p.accept("700178b88b40", "Downloading", 98304L, 8391321L);
        p.accept("00c03ba90e6e", "Downloading", 131072L, 12586905L);
        assertThat(p.done()).isEqualTo(98304 + 131072);
        assertThat(p.total()).isEqualTo(2 * (8391321L + 12586905L));
        p.accept("700178b88b40", "Verifying Checksum", null, null);
        p.accept("700178b88b40", "Download complete", null, null);
        p.accept("00c03ba90e6e", "Download complete", null, null);
        assertThat(p.done()).isEqualTo(8391321L + 12586905L);
        p.accept("00c03ba90e6e", "Extracting", 131072L, 12586905L);
        p.accept("00c03ba90e6e", "Extracting", 12586905L, 12586905L);
        p.accept("00c03ba90e6e", "Pull complete", null, null);
        p.accept("700178b88b40", "Extracting", 98304L, 8391321L);
        assertThat(p.done()).isEqualTo(8391321L + 2 * 12586905L + 98304);
        p.accept("700178b88b40", "Pull complete", null, null);
        p.accept(null, "Digest: sha256:3376cc1f", null, null);
        assertThat(p.done()).isEqualTo(p.total()).isEqualTo(2 * (8391321L + 12586905L));
    }

    @Test
    void reportsPhaseChangesAndNewBytesAsActivityButNotRepeats() {
        PullProgress p = new PullProgress();
        assertThat(p.accept("a", "Pulling fs layer", null, null)).isEqualTo(PullProgress.Change.PHASE);
        assertThat(p.accept("a", "Downloading", 10L, 100L)).isEqualTo(PullProgress.Change.PHASE);
        assertThat(p.accept("a", "Downloading", 50L, 100L)).isEqualTo(PullProgress.Change.BYTES);
        assertThat(p.accept("a", "Downloading", 50L, 100L)).isEqualTo(PullProgress.Change.NONE);
        assertThat(p.accept("a", "Downloading", 20L, 100L))
                .as("never backwards")
                .isEqualTo(PullProgress.Change.NONE);
        assertThat(p.done()).isEqualTo(50);
        assertThat(p.accept(null, "Status: Downloaded newer image", null, null)).isEqualTo(PullProgress.Change.NONE);
    }

    @Test
    void finishingFillsLayersWhoseLastEventsWereMissed() {
        PullProgress p = new PullProgress();
        p.accept("a", "Downloading", 10L, 100L);
        p.finish();
        assertThat(p.done()).isEqualTo(p.total()).isEqualTo(200);
    }
}
