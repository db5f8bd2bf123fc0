package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

    private static boolean in(String range, String version) {
        return VersionRange.parse(range).contains(Version.parse(version));
    }

    @Test
    void aBareVersionIsAStemThatEveryPatchReleaseSatisfies() {
        assertThat(in("1.1", "1.1.0")).isTrue();
        assertThat(in("1.1", "1.1.9")).isTrue();
        assertThat(in("1.1", "v1.1.2")).isTrue();
        assertThat(in("3.4", "v3.4.0")).isTrue();
        assertThat(in("1.1", "1.2.0")).isFalse();
        assertThat(in("1.1", "1.10.0")).isFalse();
        assertThat(in("1.1", "1.1.0-rc1")).isFalse();
        assertThat(in("1.1.x", "1.1.4")).isTrue();
        assertThat(in("1.1.*", "1.1.4")).isTrue();
        assertThat(in("stable-7439", "stable-7439")).isTrue();
    }

    @Test
    void comparisonsCombine() {
        assertThat(in(">=1.0 <2", "1.5.0")).isTrue();
        assertThat(in(">=1.0, <2", "2.0.0")).isFalse();
        assertThat(in(">=1.0 <2", "0.9")).isFalse();
        assertThat(in("<0.4", "0.3.7")).isTrue();
        assertThat(in("<0.4", "v0.4.0")).isFalse();
        assertThat(in("<=3.4", "v3.4.0")).isTrue();
        assertThat(in(">1.2", "1.2.0")).isFalse();
        assertThat(in("=1.2", "1.2.0")).isTrue();
        assertThat(in("==1.2", "1.2.1")).isFalse();
        assertThat(in("*", "anything")).isTrue();
    }

    @Test
    void anInstallPastAStopHasNoNeedToReachIt() {
        assertThat(VersionRange.parse("1.1").isEntirelyBelow(Version.parse("1.2.0")))
                .isTrue();
        assertThat(VersionRange.parse("1.1").isEntirelyBelow(Version.parse("1.1.5")))
                .isFalse();
        assertThat(VersionRange.parse("1.1").isEntirelyBelow(Version.parse("1.0.9")))
                .isFalse();
        assertThat(VersionRange.parse("<2").isEntirelyBelow(Version.parse("2.0.0")))
                .isTrue();
        assertThat(VersionRange.parse("<=2").isEntirelyBelow(Version.parse("2.0.0")))
                .isFalse();
        assertThat(VersionRange.parse(">=1").isEntirelyBelow(Version.parse("9")))
                .isFalse();
    }

    @Test
    void describeNamesTheSeriesOfAStem() {
        assertThat(VersionRange.parse("1.1").describe()).isEqualTo("1.1.x");
        assertThat(VersionRange.parse(">=1 <2").describe()).isEqualTo(">=1 <2");
        assertThat(VersionRange.parse("1.1").floor()).contains(Version.parse("1.1"));
    }

    @Test
    void malformedRangesSayWhatWasExpected() {
        assertThatThrownBy(() -> VersionRange.parse(" ")).hasMessageContaining("expected a version");
        assertThatThrownBy(() -> VersionRange.parse(">=")).hasMessageContaining("expected a version after \">=\"");
        assertThatThrownBy(() -> VersionRange.parse(">=1.x")).hasMessageContaining("mixes an operator and a wildcard");
        assertThatThrownBy(() -> VersionRange.parse(">*")).hasMessageContaining("wildcard");
    }
}
