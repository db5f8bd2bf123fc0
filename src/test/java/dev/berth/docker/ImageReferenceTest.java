package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void splitsRegistryWithPortRepositoryTagAndDigest() {
        ImageReference r = ImageReference.parse("127.0.0.1:5000/berth/app:1.4.2");
        assertThat(r.repository()).isEqualTo("127.0.0.1:5000/berth/app");
        assertThat(r.tag()).contains("1.4.2");
        assertThat(r.path()).isEqualTo("berth/app");
        assertThat(r.name()).isEqualTo("app");

        ImageReference d = ImageReference.parse("postgres@sha256:abc");
        assertThat(d.repository()).isEqualTo("postgres");
        assertThat(d.digest()).contains("sha256:abc");
        assertThat(d.effectiveTag()).isEmpty();
        assertThat(d.toString()).isEqualTo("postgres@sha256:abc");
    }

    @Test
    void noTagMeansLatestAndAPortIsNotATag() {
        ImageReference r = ImageReference.parse("localhost:5000/app");
        assertThat(r.tag()).isEmpty();
        assertThat(r.effectiveTag()).isEqualTo(Optional.of("latest"));
        assertThat(r.repository()).isEqualTo("localhost:5000/app");
        assertThat(ImageReference.parse("library/redis:7").path()).isEqualTo("library/redis");
    }
}
