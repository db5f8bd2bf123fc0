package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The releases themselves are right: upgrading by hand with compose, the way the release notes
 * describe it, keeps every record and file, runs each migration, and the required stop at 1.1 is
 * real. (Berth's engine automates exactly these steps later.)
 */
class DemoUpgradeIT {

    @Test
    void upgradeByHandFrom100Through110To200KeepsEveryRecordAndFile(@DemoApp(version = "1.0.0") DemoProject demo) {
        demo.setEnv("APP_TITLE", "My demo");
        demo.up();
        for (String body : List.of("one", "two", "three")) {
            demo.writeRecord(body);
        }
        long before = demo.countRows("records");
        assertThat(before).isEqualTo(3);

        // 1.0.0 -> 1.1.0: new variables, config version 2, the migrate service adds two columns.
        demo.compose("stop", "web");
        demo.replaceReleaseFiles("1.1.0");
        demo.setEnv("PAGE_SIZE", "50");
        demo.setEnv("RECORD_CATEGORY", "notes");
        demo.writeFile(
                "config/app.yaml",
                demo.readFile("config/app.yaml")
                        .replace("version: 1", "version: 2")
                        .replace("motd:", "banner:"));
        ProcessResult migrate = demo.compose("run", "--rm", "migrate");
        assertThat(migrate.output()).contains("applying 002-record-details").contains("schema version 2, up to date");
        demo.up();

        assertThat(demo.countRows("records"))
                .as("same rows after the 1.1 migration")
                .isEqualTo(before);
        assertThat(demo.psql("SELECT count(*) FROM records WHERE body_length = length(body) AND category = 'general'"))
                .as("rows written by 1.0 are backfilled")
                .isEqualTo("3");
        assertThat(demo.psql("SELECT max(version) FROM schema_version")).isEqualTo("2");
        demo.writeRecord("four");
        assertThat(demo.psql("SELECT category FROM records WHERE body = 'four'"))
                .isEqualTo("notes");
        JsonNode v11 = demo.get("/version").json();
        assertThat(v11.get("version").asText()).isEqualTo("1.1.0");
        assertThat(v11.get("config_version").asInt()).isEqualTo(2);
        assertThat(demo.compose("run", "--rm", "migrate").output())
                .as("running the migration again changes nothing")
                .doesNotContain("applying")
                .contains("schema version 2, up to date");

        // 1.1.0 -> 2.0.0: APP_TITLE renamed, LOG_LEVEL removed, config moved to config/app/settings.yaml.
        demo.compose("stop", "web");
        demo.replaceReleaseFiles("2.0.0");
        demo.renameEnv("APP_TITLE", "DEMO_TITLE");
        demo.removeEnv("LOG_LEVEL");
        demo.writeFile(
                "config/app/settings.yaml",
                demo.readFile("config/app.yaml")
                        .replace("version: 2", "version: 3")
                        .replace("max_record_length:", "record_max_length:"));
        demo.deleteFile("config/app.yaml");
        assertThat(demo.compose("run", "--rm", "migrate").output()).contains("applying 003-record-tags");
        demo.up();

        assertThat(demo.countRows("records"))
                .as("same rows after the 2.0 migration")
                .isEqualTo(4);
        assertThat(demo.psql("SELECT count(*) FROM records WHERE tags = '{}'")).isEqualTo("4");
        assertThat(demo.psql("SELECT max(version) FROM schema_version")).isEqualTo("3");
        JsonNode v20 = demo.get("/version").json();
        assertThat(v20.get("version").asText()).isEqualTo("2.0.0");
        assertThat(v20.get("title").asText())
                .as("the renamed variable kept its value")
                .isEqualTo("My demo");
        assertThat(v20.get("config_version").asInt()).isEqualTo(3);
        assertThat(demo.records())
                .extracting(r -> r.get("body").asText())
                .containsExactly("one", "two", "three", "four");
        assertThat(demo.dataFiles())
                .containsExactly("records/1.txt", "records/2.txt", "records/3.txt", "records/4.txt");
    }

    @Test
    void release200RefusesADatabaseThat110HasNotMigratedAndChangesNothing(
            @DemoApp(version = "1.0.0") DemoProject demo) {
        demo.up();
        demo.writeRecord("from 1.0");
        demo.compose("stop", "web");

        demo.replaceReleaseFiles("2.0.0");
        demo.renameEnv("APP_TITLE", "DEMO_TITLE");
        demo.removeEnv("LOG_LEVEL");
        ProcessResult migrate = demo.composeResult("run", "--rm", "migrate");

        assertThat(migrate.succeeded()).as(migrate.describe()).isFalse();
        assertThat(migrate.output()).contains("Nothing was changed: upgrade to 1.1 first, then to 2.0.");
        assertThat(demo.psql("SELECT to_regclass('public.schema_version') IS NULL"))
                .isEqualTo("t");
        assertThat(demo.psql("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM"
                        + " information_schema.columns WHERE table_name = 'records'"))
                .isEqualTo("id,body,created_at");
        assertThat(demo.countRows("records")).isEqualTo(1);
    }
}
