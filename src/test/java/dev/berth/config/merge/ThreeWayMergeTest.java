package dev.berth.config.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import dev.berth.config.diff.SecretMasker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {
    private final ThreeWayMerge merge = new ThreeWayMerge();

    private static final String BASE = """
            # Listening settings
            api:
              # Listening IP
              listenIP: 0.0.0.0
              ports: [ 10002 ]
            services:
              web:
                image: nginx:1.25
                ports:
                  - "80:80"
                environment:
                  - TZ
                  - LOG_LEVEL=info
            """;

    @Test
    void mergeTakesTheReleaseFileWholeWhenTheUserDidNotEditIt() {
        String theirs = BASE.replace("nginx:1.25", "nginx:1.27");

        MergeResult result = merge.merge("docker-compose.yml", BASE, BASE, theirs);

        assertThat(result.method()).isEqualTo(MergeMethod.WHOLE_FILE);
        assertThat(result.mergedText()).hasValue(theirs);
        assertThat(result.changes()).extracting(MergeChange::provenance).containsExactly(Provenance.TOOK_THEIRS);
    }

    @Test
    void mergeKeepsTheUserFileWholeWhenTheReleaseDidNotChangeIt() {
        String mine = BASE.replace("\"80:80\"", "\"8080:80\"");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, BASE);

        assertThat(result.mergedText()).hasValue(mine);
        assertThat(result.changes()).extracting(MergeChange::provenance).containsExactly(Provenance.KEPT_MINE);
    }

    @Test
    void mergeCombinesChangesToDifferentKeysAndKeepsTheReleaseLayout() {
        String mine = BASE.replace("\"80:80\"", "\"8080:80\"").replace("listenIP: 0.0.0.0", "listenIP: 127.0.0.1");
        String theirs = BASE.replace("nginx:1.25", "nginx:1.27")
                .replace("  # Listening IP\n", "  # Listening IP; 0.0.0.0 listens on all interfaces\n")
                .replace("  ports: [ 10002 ]\n", "  ports: [ 10002 ]\n  # compression level\n  compressionLevel: 0\n");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.method()).isEqualTo(MergeMethod.KEYS);
        assertThat(result.mergedText()).hasValue("""
                        # Listening settings
                        api:
                          # Listening IP; 0.0.0.0 listens on all interfaces
                          listenIP: 127.0.0.1
                          ports: [ 10002 ]
                          # compression level
                          compressionLevel: 0
                        services:
                          web:
                            image: nginx:1.27
                            ports:
                              - "8080:80"
                            environment:
                              - TZ
                              - LOG_LEVEL=info
                        """);
        assertThat(result.changes())
                .extracting(c -> c.location().describe().split(" ")[0] + " " + c.provenance())
                .contains(
                        "api.listenIP KEPT_MINE",
                        "services.web.ports KEPT_MINE",
                        "services.web.image TOOK_THEIRS",
                        "api.compressionLevel TOOK_THEIRS");
    }

    @Test
    void mergeReportsAConflictWhenBothChangedTheSameKey() {
        String mine = BASE.replace("nginx:1.25", "nginx:1.25-alpine");
        String theirs = BASE.replace("nginx:1.25", "nginx:1.27");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.mergedText()).isEmpty();
        assertThat(result.conflicts()).hasSize(1);
        MergeConflict conflict = result.conflicts().getFirst();
        assertThat(conflict.location())
                .isEqualTo(new MergeLocation.KeyPath(List.of("services", "web", "image"), 8, 8, 8));
        assertThat(conflict.base()).contains("nginx:1.25");
        assertThat(conflict.mine()).contains("nginx:1.25-alpine");
        assertThat(conflict.theirs()).contains("nginx:1.27");
        assertThat(result.resolveAll(ConflictPolicy.KEEP_MINE)).isEqualTo(mine);
        assertThat(result.resolveAll(ConflictPolicy.TAKE_THEIRS)).isEqualTo(theirs);
        assertThat(result.resolve(Map.of(1, new Resolution.Edited("nginx:1.27-alpine"))))
                .isEqualTo(BASE.replace("nginx:1.25", "nginx:1.27-alpine"));
    }

    @Test
    void conflictMarkersShowMineBaseAndTheirs() {
        String mine = BASE.replace("nginx:1.25", "nginx:1.25-alpine");
        String theirs = BASE.replace("nginx:1.25", "nginx:1.27");

        String marked = merge.merge("docker-compose.yml", BASE, mine, theirs).withConflictMarkers();

        assertThat(marked).contains("""
                            image: nginx:1.25-alpine
                        ||||||| base
                            image: nginx:1.25
                        =======
                            image: nginx:1.27
                        >>>>>>> theirs
                            ports:
                        """).contains("  web:\n<<<<<<< mine\n");
    }

    @Test
    void mergeReportsAConflictWhenTheUserDeletedAKeyTheReleaseChanged() {
        String mine = BASE.replace("    image: nginx:1.25\n", "");
        String theirs = BASE.replace("nginx:1.25", "nginx:1.27");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.mine()).isEmpty();
            assertThat(c.theirs()).contains("nginx:1.27");
        });
        assertThat(result.resolveAll(ConflictPolicy.KEEP_MINE)).isEqualTo(mine);
        assertThat(result.resolveAll(ConflictPolicy.TAKE_THEIRS)).isEqualTo(theirs);
    }

    @Test
    void mergeReportsAConflictWhenTheReleaseDeletedAKeyTheUserChanged() {
        String mine = BASE.replace("LOG_LEVEL=info", "LOG_LEVEL=debug");
        String theirs = BASE.replace("    environment:\n      - TZ\n      - LOG_LEVEL=info\n", "    env_file: .env\n");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.conflicts())
                .singleElement()
                .satisfies(c -> assertThat(((MergeLocation.KeyPath) c.location()).dotted())
                        .isEqualTo("services.web.environment"));
        assertThat(result.resolveAll(ConflictPolicy.KEEP_MINE))
                .endsWith("    environment:\n      - TZ\n      - LOG_LEVEL=debug\n    env_file: .env\n");
        assertThat(result.resolveAll(ConflictPolicy.TAKE_THEIRS)).isEqualTo(theirs);
    }

    @Test
    void itemsAppendedToAListOnBothSidesAreCombined() {
        String mine = BASE.replace("      - LOG_LEVEL=info\n", "      - LOG_LEVEL=info\n      - MINE=1\n");
        String theirs = BASE.replace("      - LOG_LEVEL=info\n", "      - LOG_LEVEL=info\n      - THEIRS=2\n");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.mergedText())
                .hasValue(BASE.replace(
                        "      - LOG_LEVEL=info\n", "      - LOG_LEVEL=info\n      - THEIRS=2\n      - MINE=1\n"));
        assertThat(result.changes())
                .filteredOn(c -> c.location().describe().startsWith("services.web.environment"))
                .extracting(MergeChange::provenance)
                .containsExactly(Provenance.COMBINED);
    }

    @Test
    void itemsAppendedToAFlowListOnBothSidesAreCombined() {
        String mine = BASE.replace("[ 10002 ]", "[ 10002, 10003 ]");
        String theirs = BASE.replace("[ 10002 ]", "[ 10002, 10004 ]");

        MergeResult result = merge.merge("openim-api.yml", BASE, mine, theirs);

        assertThat(result.mergedText()).hasValue(BASE.replace("[ 10002 ]", "[ 10002, 10004, 10003 ]"));
    }

    @Test
    void aListBothSidesChangedOtherThanByAppendingIsAConflict() {
        String mine = BASE.replace("      - TZ\n", "");
        String theirs = BASE.replace("      - TZ\n", "      - TZ=UTC\n");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.conflicts())
                .singleElement()
                .satisfies(c -> assertThat(c.location().describe()).startsWith("services.web.environment"));
    }

    @Test
    void commentsOfBothSidesArePreserved() {
        String mine = BASE.replace("  # Listening IP\n", "  # Listening IP\n  # mine: only on the VPN\n")
                .replace("    image: nginx:1.25\n", "    image: nginx:1.25 # pinned by me\n");
        String theirs = BASE.replace("# Listening settings\n", "# Listening settings (see docs/api.md)\n")
                .replace("  ports: [ 10002 ]\n", "  # one port per instance\n  ports: [ 10002 ]\n");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.mergedText())
                .hasValue(theirs.replace("  # Listening IP\n", "  # Listening IP\n  # mine: only on the VPN\n")
                        .replace("    image: nginx:1.25\n", "    image: nginx:1.25 # pinned by me\n"));
    }

    @Test
    void aCommentTheUserDeletedStaysDeletedAndAnUncommentedLineBecomesAValue() {
        String base =
                "app:\n  build:\n    context: app\n    # uncomment for the team edition\n    # args:\n    #   - edition=team\n";
        String mine =
                "app:\n  build:\n    context: app\n    # uncomment for the team edition\n    args:\n      - edition=team\n";
        String theirs = base.replace("context: app", "context: ./app");

        MergeResult result = merge.merge("docker-compose.yml", base, mine, theirs);

        assertThat(result.method()).isEqualTo(MergeMethod.KEYS);
        assertThat(result.mergedText())
                .hasValue("app:\n  build:\n    context: ./app\n    # uncomment for the team edition\n    args:\n"
                        + "      - edition=team\n");
    }

    @Test
    void aKeyTheUserAddedLandsAfterTheKeyItFollowsWithItsComment() {
        String mine = BASE.replace(
                "    image: nginx:1.25\n", "    image: nginx:1.25\n\n    # keep it running\n    restart: always\n");
        String theirs = BASE.replace("    image: nginx:1.25\n", "    image: nginx:1.25\n    pull_policy: always\n");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.mergedText())
                .hasValue(
                        BASE.replace(
                                "    image: nginx:1.25\n",
                                "    image: nginx:1.25\n\n    # keep it running\n    restart: always\n    pull_policy: always\n"));
    }

    @Test
    void keysAreReindentedToTheReleaseIndentation() {
        String base = "services:\n  web:\n    image: a\n";
        String mine = "services:\n  web:\n    image: a\n  db:\n    image: postgres\n    volumes:\n      - db:/data\n";
        String theirs = "services:\n    web:\n        image: b\n";

        MergeResult result = merge.merge("compose.yaml", base, mine, theirs);

        assertThat(result.mergedText())
                .hasValue("services:\n    web:\n        image: b\n    db:\n      image: postgres\n      volumes:\n"
                        + "        - db:/data\n");
    }

    @Test
    void crlfLineEndingsOfTheUserFileArePreserved() {
        String mine = BASE.replace("nginx:1.25", "nginx:1.25-alpine").replace("\n", "\r\n");
        String theirs = BASE.replace("# Listening settings", "# Listen settings");

        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.mergedText())
                .hasValue(BASE.replace("nginx:1.25", "nginx:1.25-alpine")
                        .replace("# Listening settings", "# Listen settings")
                        .replace("\n", "\r\n"));
    }

    @Test
    void crlfFilesMergeLineByLineToo() {
        String base = "A=1\r\nB=2\r\nC=3\r\n";
        String mine = "A=1\r\nB=20\r\nC=3\r\n";
        String theirs = "A=1\r\nB=2\r\nC=3\r\nD=4\r\n";

        assertThat(merge.merge(".env", base, mine, theirs).mergedText()).hasValue("A=1\r\nB=20\r\nC=3\r\nD=4\r\n");
    }

    @Test
    void aMissingFinalNewlineFollowsWhicheverSideChangedIt() {
        String base = "a: 1\nb: 2\n";
        String mineWithout = "a: 10\nb: 2";
        String theirs = "a: 1\nb: 2\nc: 3\n";
        String theirsWithout = "a: 1\nb: 20";

        assertThat(merge.merge("x.yml", base, mineWithout, theirs).mergedText()).hasValue("a: 10\nb: 2\nc: 3");
        assertThat(merge.merge("x.yml", base, "a: 10\nb: 2\n", theirsWithout).mergedText())
                .hasValue("a: 10\nb: 20");
        assertThat(merge.merge("x.txt", "x\ny\n", "x!\ny", "x\ny\nz\n").mergedText())
                .hasValue("x!\ny\nz");
    }

    @Test
    void templatesThatAreNotYamlBeforeSubstitutionMergeLineByLine() {
        String base = "api:\n  ports: [ ${API_PORT} ]\nlog:\n  level: 3\n";
        String mine = "api:\n  ports: [ ${API_PORT} ]\nlog:\n  level: 5\n";
        String theirs = "# api\napi:\n  ports: [ ${API_PORT} ]\nlog:\n  level: 3\n";

        MergeResult result = merge.merge("config.yaml", base, mine, theirs);

        assertThat(result.method()).isEqualTo(MergeMethod.LINES);
        assertThat(result.fallbackReason())
                .hasValueSatisfying(r -> assertThat(r).contains("not valid YAML"));
        assertThat(result.mergedText()).hasValue("# api\napi:\n  ports: [ ${API_PORT} ]\nlog:\n  level: 5\n");
    }

    @Test
    void anchorsAndMergeKeysAreMergedAsWritten() {
        String base = """
                x-env: &env
                  TZ: UTC
                services:
                  web:
                    image: web:1
                    environment:
                      <<: *env
                  worker:
                    image: worker:1
                    environment: *env
                """;
        String mine = base.replace("TZ: UTC", "TZ: Europe/Paris");
        String theirs = base.replace("web:1", "web:2").replace("worker:1", "worker:2");

        MergeResult result = merge.merge("docker-compose.yml", base, mine, theirs);

        assertThat(result.method()).isEqualTo(MergeMethod.KEYS);
        assertThat(result.mergedText()).hasValue(theirs.replace("TZ: UTC", "TZ: Europe/Paris"));
    }

    @Test
    void anEditedValueThatIsNotYamlIsRefusedWithTheFileNamed() {
        String mine = BASE.replace("nginx:1.25", "nginx:1.25-alpine");
        String theirs = BASE.replace("nginx:1.25", "nginx:1.27");
        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThatThrownBy(() -> result.resolve(Map.of(1, new Resolution.Edited("[ unclosed"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("docker-compose.yml: ")
                .hasMessageContaining("nothing was written");
    }

    @Test
    void anEditedBlockValueReplacesTheConflictingEntry() {
        String mine = BASE.replace("      - LOG_LEVEL=info\n", "");
        String theirs = BASE.replace("      - TZ\n", "      - TZ=UTC\n");
        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        String resolved = result.resolve(Map.of(1, new Resolution.Edited("- TZ=UTC\n- LOG_LEVEL=warn\n")));

        assertThat(resolved).endsWith("    environment:\n      - TZ=UTC\n      - LOG_LEVEL=warn\n");
    }

    @Test
    void everyConflictNeedsADecision() {
        String mine = BASE.replace("nginx:1.25", "nginx:a").replace("\"80:80\"", "\"81:80\"");
        String theirs = BASE.replace("nginx:1.25", "nginx:b").replace("\"80:80\"", "\"82:80\"");
        MergeResult result = merge.merge("docker-compose.yml", BASE, mine, theirs);

        assertThat(result.conflicts()).extracting(MergeConflict::id).containsExactly(1, 2);
        assertThatThrownBy(() -> result.resolve(Map.of(1, ConflictPolicy.KEEP_MINE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2]");
        assertThat(result.resolve(Map.of(1, ConflictPolicy.KEEP_MINE, 2, ConflictPolicy.TAKE_THEIRS)))
                .contains("nginx:a")
                .contains("\"82:80\"");
    }

    @Test
    void conflictDisplayMasksSecretValues() {
        String base = "db:\n  password: old-secret\n  url: postgres://app:pw1@db/app\n";
        String mine = "db:\n  password: mine-secret\n  url: postgres://app:pw2@db/app\n";
        String theirs = "db:\n  password: their-secret\n  url: postgres://app:pw3@db/app\n";

        MergeResult result = merge.merge("config.yml", base, mine, theirs);
        String shown = result.conflicts().stream()
                .map(c -> c.display(SecretMasker.withDefaultNames()))
                .reduce("", String::concat);

        assertThat(result.conflicts()).hasSize(2);
        assertThat(shown)
                .doesNotContain("secret", "pw1", "pw2", "pw3")
                .contains("db.password")
                .contains("postgres://app:****@db/app");
        assertThat(result.conflicts().toString()).doesNotContain("secret", "pw1", "pw2", "pw3");
    }

    @Test
    void lineMergeCombinesChangesOnNeighbouringLines() {
        String base = "A=1\nB=2\nC=3\n";

        MergeResult result = merge.merge(".env", base, "A=1\nB=20\nC=3\n", "A=1\nB=2\nC=30\n");

        assertThat(result.method()).isEqualTo(MergeMethod.LINES);
        assertThat(result.mergedText()).hasValue("A=1\nB=20\nC=30\n");
    }

    @Test
    void lineMergeConflictsWhenBothInsertAtTheSamePlace() {
        String base = "A=1\nB=2\n";

        MergeResult result = merge.merge(".env", base, "A=1\nMINE=1\nB=2\n", "A=1\nTHEIRS=1\nB=2\n");

        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.location()).isEqualTo(new MergeLocation.Lines(2, 0, 2, 1, 2, 1));
            assertThat(c.mine()).contains("MINE=1");
            assertThat(c.theirs()).contains("THEIRS=1");
        });
        assertThat(result.withConflictMarkers())
                .isEqualTo("A=1\n<<<<<<< mine\nMINE=1\n||||||| base\n=======\nTHEIRS=1\n>>>>>>> theirs\nB=2\n");
        assertThat(result.resolve(Map.of(1, new Resolution.Edited("MINE=1\nTHEIRS=1"))))
                .isEqualTo("A=1\nMINE=1\nTHEIRS=1\nB=2\n");
    }

    @Test
    void lineMergeTrimsLinesBothSidesShareFromAConflict() {
        String base = "A=1\nB=2\nC=3\n";

        MergeResult result = merge.merge(".env", base, "A=1\nX=1\nB=20\nC=3\n", "A=1\nX=1\nB=21\nC=3\n");

        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.mine()).contains("B=20");
            assertThat(c.theirs()).contains("B=21");
        });
        assertThat(result.resolveAll(ConflictPolicy.TAKE_THEIRS)).isEqualTo("A=1\nX=1\nB=21\nC=3\n");
        assertThat(result.resolveAll(ConflictPolicy.KEEP_MINE)).isEqualTo("A=1\nX=1\nB=20\nC=3\n");
    }

    @Test
    void identicalChangesOnBothSidesAreNoConflict() {
        String base = "a: 1\nb: 2\nc: 3\n";

        MergeResult result = merge.merge("x.yml", base, "a: 1\nb: 5\nc: 3\n# mine\n", "a: 1\nb: 5\nc: 3\n");

        assertThat(result.mergedText()).hasValue("a: 1\nb: 5\nc: 3\n# mine\n");
        assertThat(result.changes())
                .filteredOn(c -> c.location().describe().startsWith("b "))
                .extracting(MergeChange::provenance)
                .containsExactly(Provenance.COMBINED);
    }
}
