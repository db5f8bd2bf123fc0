package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Main.FrontEnd;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void noArgumentsOrGuiStartTheDesktopApp() {
        assertThat(Main.frontEnd(new String[0])).isEqualTo(FrontEnd.GUI);
        assertThat(Main.frontEnd(new String[] {"gui"})).isEqualTo(FrontEnd.GUI);
        assertThat(Main.frontEnd(new String[] {"gui", "/home/me/app.tar"})).isEqualTo(FrontEnd.GUI);
    }

    @Test
    void aBackupOpenedFromTheFileManagerStartsTheDesktopApp() {
        assertThat(Main.frontEnd(new String[] {"C:\\Users\\me\\Nextcloud 2026-01-02.berth"}))
                .isEqualTo(FrontEnd.GUI);
        assertThat(Main.frontEnd(new String[] {"/home/me/backups/MATTERMOST.BERTH"}))
                .isEqualTo(FrontEnd.GUI);
    }

    @Test
    void everythingElseRunsTheCommandLine() {
        assertThat(Main.frontEnd(new String[] {"--version"})).isEqualTo(FrontEnd.CLI);
        assertThat(Main.frontEnd(new String[] {"scan", "--json"})).isEqualTo(FrontEnd.CLI);
        assertThat(Main.frontEnd(new String[] {"restore", "x.berth"})).isEqualTo(FrontEnd.CLI);
        assertThat(Main.frontEnd(new String[] {"notes.txt"})).isEqualTo(FrontEnd.CLI);
    }

    @Test
    void theDesktopAppOnLinuxWithoutADisplaySaysSoAndPointsToTheCommandLine() {
        assertThat(Main.noDisplay("Linux", Map.of()))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("no display found").contains("berth --help"));
        assertThat(Main.noDisplay("Linux", Map.of("DISPLAY", ""))).isPresent();
    }

    @Test
    void aDisplayOrAnotherSystemLetsTheDesktopAppOpen() {
        assertThat(Main.noDisplay("Linux", Map.of("DISPLAY", ":0"))).isEmpty();
        assertThat(Main.noDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0")))
                .isEmpty();
        assertThat(Main.noDisplay("Windows 11", Map.of())).isEmpty();
        assertThat(Main.noDisplay("Mac OS X", Map.of())).isEmpty();
    }
}
