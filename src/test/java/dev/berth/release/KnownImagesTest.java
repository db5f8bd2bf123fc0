package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownImagesTest {

    @Test
    void imageReferencesAreTakenApart() {
        assertThat(KnownImages.baseName("docker.io/library/postgres:15-alpine")).isEqualTo("postgres");
        assertThat(KnownImages.baseName("127.0.0.1:5000/mongo")).isEqualTo("mongo");
        assertThat(KnownImages.baseName("mariadb@sha256:abc")).isEqualTo("mariadb");
        assertThat(KnownImages.tag("127.0.0.1:5000/mongo")).isEmpty();
        assertThat(KnownImages.tag("ghcr.io/openimsdk/openim-server:release-v3.8.3"))
                .contains("release-v3.8.3");
        assertThat(KnownImages.tag("mattermost/mattermost-team-edition:${MATTERMOST_IMAGE_TAG}"))
                .contains("${MATTERMOST_IMAGE_TAG}");
    }

    @Test
    void databasesAreRecognisedByImage() {
        assertThat(KnownImages.databaseType("postgres:13-alpine")).contains(DatabaseType.POSTGRES);
        assertThat(KnownImages.databaseType("mysql:8.0")).contains(DatabaseType.MYSQL);
        assertThat(KnownImages.databaseType("mariadb:10.11")).contains(DatabaseType.MARIADB);
        assertThat(KnownImages.databaseType("mongo:7.0")).contains(DatabaseType.MONGODB);
        assertThat(KnownImages.databaseType("redis:7")).isEmpty();
        assertThat(KnownImages.isDataStore("redis:7")).isTrue();
        assertThat(KnownImages.isDataStore("netboxcommunity/netbox:v4.1")).isFalse();
    }

    @Test
    void graceIsTheManifestsElseLongerForDataStores() {
        StopPolicy p = new StopPolicy(List.of(), Map.of("web", Duration.ofSeconds(3)), Map.of());
        assertThat(p.graceFor("web", Optional.of("postgres:15"))).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.graceFor("db", Optional.of("postgres:15"))).isEqualTo(StopPolicy.DATA_STORE_GRACE);
        assertThat(p.graceFor("api", Optional.of("ledger:2"))).isEqualTo(StopPolicy.DEFAULT_GRACE);
        assertThat(p.graceFor("api", Optional.empty())).isEqualTo(StopPolicy.DEFAULT_GRACE);
    }

    @Test
    void templateFormatsFollowFileNames() {
        assertThat(TemplateFormat.ofFileName(".env.example")).isEqualTo(TemplateFormat.ENV);
        assertThat(TemplateFormat.ofFileName("env.example")).isEqualTo(TemplateFormat.ENV);
        assertThat(TemplateFormat.ofFileName("env/netbox.env")).isEqualTo(TemplateFormat.ENV);
        assertThat(TemplateFormat.ofFileName("config/openim-api.yml")).isEqualTo(TemplateFormat.YAML);
        assertThat(TemplateFormat.ofFileName("mailserver.env")).isEqualTo(TemplateFormat.ENV);
        assertThat(TemplateFormat.ofFileName("x.json")).isEqualTo(TemplateFormat.JSON);
        assertThat(TemplateFormat.ofFileName("nginx.conf")).isEqualTo(TemplateFormat.TEXT);
    }
}
