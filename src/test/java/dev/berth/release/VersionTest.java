package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VersionTest {

    /** The corpus releases of each app in their true (publication) order, from the corpus README. */
    static final Map<String, List<String>> CORPUS_ORDER = Map.of(
            "mattermost-docker",
            List.of(
                    "2021-06-15_4e0749c",
                    "2021-12-17_9e91b71",
                    "2022-06-09_2c9b8cf",
                    "2022-07-29_1f2adc1",
                    "2023-10-10_26fb013",
                    "2025-04-10_2308dca"),
            "openim-docker",
            List.of("v1.5.0", "v2.0.0", "v3.3.1", "v3.5.0", "v3.7.0-v1.7.0", "v3.8"),
            "open-im-server",
            List.of("v3.4.0", "v3.5.0", "v3.6.0", "v3.7.0", "v3.8.2", "v3.8.3"),
            "jitsi-docker",
            List.of("stable-5390", "stable-7287", "stable-7439", "stable-9457", "stable-9584", "stable-11146"),
            "netbox-docker",
            List.of("1.6.1", "2.0.0", "2.2.0", "2.3.0", "2.9.1", "3.0.0"),
            "docker-mailserver",
            List.of("v10.5.0", "v11.0.0", "v12.1.0", "v13.0.0", "v14.0.0", "v15.0.0"),
            "mailcow-dockerized",
            List.of("2022-01", "2024-11b", "2025-01", "2025-07", "2025-09", "2026-07a"),
            "outline",
            List.of("v0.75.2", "v0.76.0", "v0.82.0", "v0.83.0", "v1.0.0", "v1.9.2"),
            "plane",
            List.of("v0.14-dev", "v0.22-dev", "v0.23.0", "v0.27.1", "v0.28.0", "v1.3.1"),
            "documenso",
            List.of("v1.5.6", "v1.9.1", "v1.10.0", "v1.13.2", "v2.0.0", "v2.17.0"));

    @Test
    void everyCorpusAppsReleasesSortInTheirTrueOrder() throws IOException {
        Random random = new Random(42);
        int checked = 0;
        for (Path app : Corpus.apps()) {
            List<String> names = releaseNames(app);
            List<String> expected = CORPUS_ORDER.get(app.getFileName().toString());
            if (expected != null) {
                assertThat(names).as(app.toString()).containsExactlyInAnyOrderElementsOf(expected);
            } else {
                // An app we have no true order for: the order must at least be total and stable.
                assertTotalOrder(names);
            }
            for (int round = 0; round < 20; round++) {
                List<String> shuffled = new ArrayList<>(names);
                Collections.shuffle(shuffled, random);
                List<String> sorted = shuffled.stream()
                        .map(Version::parse)
                        .sorted()
                        .map(Version::raw)
                        .toList();
                if (expected != null) {
                    assertThat(sorted).as(app.getFileName().toString()).containsExactlyElementsOf(expected);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void numbersCompareAsNumbersAfterALeadingV() {
        assertOrder("v3.8", "v3.10");
        assertOrder("1.9", "1.10.0");
        assertOrder("stable-7439", "stable-9457");
        assertOrder("stable-9584", "stable-11146");
        assertOrder("v0.14-dev", "v0.22-dev");
        assertOrder("v1.9.1", "v1.10.0");
        assertOrder("v2", "v10");
        assertOrder("3.4", "V3.5");
    }

    @Test
    void datesCompareByDate() {
        assertOrder("2021-06-15_4e0749c", "2021-12-17_9e91b71");
        assertOrder("2024-11b", "2025-01");
        assertOrder("2024-11", "2024-11a");
        assertOrder("2024-11a", "2024-11b");
        assertOrder("2025-09", "2026-07a");
        assertOrder("2025-09-01", "2025-10");
    }

    @Test
    void preReleasesSortBeforeTheReleaseAndLaterBuildsAfterIt() {
        assertOrder("1.0.0-rc1", "1.0.0");
        assertOrder("1.0.0-alpha", "1.0.0-alpha.1");
        assertOrder("1.0.0-alpha.1", "1.0.0-beta");
        assertOrder("1.0.0-beta.2", "1.0.0-beta.11");
        assertOrder("1.0.0-beta.11", "1.0.0-rc.1");
        assertOrder("1.0.0-dev", "1.0.0-alpha");
        assertOrder("1.0.0rc2", "1.0.0");
        assertOrder("1.0a1", "1.0");
        assertOrder("v0.14-dev", "v0.14");
        assertOrder("0.9.1", "0.9.1-fix1");
        assertOrder("v3.7.0", "v3.7.0-v1.7.0");
        assertOrder("v3.7.0-v1.7.0", "v3.8");
        assertOrder("0.9.1-fix1", "0.9.2-rc1");
        assertThat(Version.parse("1.0.0-rc1").isPreRelease()).isTrue();
        assertThat(Version.parse("2024-11b").isPreRelease()).isFalse();
        assertThat(Version.parse("v3.7.0-v1.7.0").isPreRelease()).isFalse();
    }

    @Test
    void buildMetadataDoesNotChangeTheOrder() {
        assertThat(Version.parse("1.0.0+build.5").isSameRelease(Version.parse("1.0.0")))
                .isTrue();
        assertThat(Version.parse("2021-06-15_4e0749c").isSameRelease(Version.parse("2021-06-15")))
                .isTrue();
    }

    @Test
    void differentSpellingsOfOneReleaseAreTheSameReleaseButNotEqual() {
        Version a = Version.parse("3.4");
        Version b = Version.parse("v3.4.0");
        assertThat(a.isSameRelease(b)).isTrue();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.compareTo(b)).isNotZero().isEqualTo(-b.compareTo(a));
        assertThat(Version.parse("v1.2").equals(Version.parse("v1.2"))).isTrue();
    }

    @Test
    void aStemMatchesEveryReleaseThatStartsWithIt() {
        Version stop = Version.parse("1.1");
        assertThat(Version.parse("1.1.0").startsWith(stop)).isTrue();
        assertThat(Version.parse("v1.1.7").startsWith(stop)).isTrue();
        assertThat(Version.parse("1.1").startsWith(stop)).isTrue();
        assertThat(Version.parse("1.1.0-fix1").startsWith(stop)).isTrue();
        assertThat(Version.parse("1.1.0-rc1").startsWith(stop)).isFalse();
        assertThat(Version.parse("1.10.0").startsWith(stop)).isFalse();
        assertThat(Version.parse("1.2.0").startsWith(stop)).isFalse();
        assertThat(Version.parse("v3.4.0").startsWith(Version.parse("3.4"))).isTrue();
        assertThat(Version.parse("3.4").startsWith(Version.parse("3.4.0"))).isTrue();
        assertThat(Version.parse("stable-7439").startsWith(Version.parse("stable-7439")))
                .isTrue();
        assertThat(Version.parse("7439").startsWith(Version.parse("stable-7439")))
                .isFalse();
    }

    @Test
    void oddStringsNeverThrowAndStillSortTotally() {
        List<String> odd = new ArrayList<>(List.of(
                "",
                " ",
                "latest",
                "main",
                "v",
                "vv1",
                "-1",
                "1..2",
                "1.2.",
                ".5",
                "💥",
                "1.0.0-",
                "1.0.0-+",
                "99999999999999999999999.1",
                "2021-13-45",
                "1_000",
                "a1b2c3",
                "v1.2.3-rc.1+build.9",
                "release-v3.8.3",
                "stable",
                "NaN",
                "1e10",
                "0x1F",
                "1.2.3.4.5.6.7.8.9",
                "#",
                "\t2.0\n"));
        Random r = new Random(7);
        String alphabet = "0123456789.-_+vVrcabetadev ~/";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(14);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            odd.add(sb.toString());
        }
        assertTotalOrder(odd);
        assertThat(Version.parse(null).raw()).isEmpty();
    }

    private static void assertOrder(String older, String newer) {
        Version a = Version.parse(older);
        Version b = Version.parse(newer);
        assertThat(a.compareTo(b)).as(older + " < " + newer).isNegative();
        assertThat(b.compareTo(a)).as(newer + " > " + older).isPositive();
        assertThat(a.isSameRelease(b)).isFalse();
    }

    /** Antisymmetric, transitive, consistent with equals: the properties a sort relies on. */
    private static void assertTotalOrder(List<String> texts) {
        List<Version> vs = texts.stream().map(Version::parse).toList();
        List<Version> sorted = new ArrayList<>(vs);
        Collections.sort(sorted);
        for (int i = 0; i + 1 < sorted.size(); i++) {
            assertThat(sorted.get(i).compareTo(sorted.get(i + 1))).isLessThanOrEqualTo(0);
        }
        Random r = new Random(3);
        for (int k = 0; k < 20_000; k++) {
            Version a = vs.get(r.nextInt(vs.size()));
            Version b = vs.get(r.nextInt(vs.size()));
            Version c = vs.get(r.nextInt(vs.size()));
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
            assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
            if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
                assertThat(a.compareTo(c)).as(a + " <= " + b + " <= " + c).isLessThanOrEqualTo(0);
            }
        }
    }

    static List<String> releaseNames(Path app) throws IOException {
        try (Stream<Path> s = Files.list(app)) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
