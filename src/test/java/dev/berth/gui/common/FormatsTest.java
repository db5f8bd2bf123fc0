package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private final Messages en = Messages.forLocale(Locale.ENGLISH);

    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertThat(Formats.bytes(en, 512)).isEqualTo("512 B");
        assertThat(Formats.bytes(en, 1536)).isEqualTo("1.5 KB");
        assertThat(Formats.bytes(en, 3L * 1024 * 1024 * 1024)).isEqualTo("3 GB");
        assertThat(Formats.bytes(en, -1)).isEqualTo("unknown");
        assertThat(Formats.bytes(Messages.forLocale(Locale.FRENCH), 1536)).isEqualTo("1,5 Ko");
    }

    @Test
    void etaIsRoundedToWhatAPersonCaresAbout() {
        assertThat(Formats.eta(en, Optional.empty())).isEqualTo("estimating time left…");
        assertThat(Formats.eta(en, Optional.of(Duration.ofSeconds(40)))).isEqualTo("about 40 s left");
        assertThat(Formats.eta(en, Optional.of(Duration.ofSeconds(200)))).isEqualTo("about 3 min left");
        assertThat(Formats.eta(en, Optional.of(Duration.ofMinutes(125)))).isEqualTo("about 2 h 5 min left");
        assertThat(Formats.eta(Messages.forLocale(Locale.JAPANESE), Optional.of(Duration.ofSeconds(200))))
                .isEqualTo("残り約 3 分");
    }
}
