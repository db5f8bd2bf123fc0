package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The app icon reaches the class path from icons/png (pom.xml), for Stage.getIcons(). */
class AppIconTest {
    @Test
    void everyWindowIconSizeIsOnTheClassPathAsASquarePng() throws IOException {
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            try (InputStream in = AppIconTest.class.getResourceAsStream("/dev/berth/icons/berth-" + size + ".png")) {
                assertThat(in).as("icon %d", size).isNotNull();
                BufferedImage image = ImageIO.read(in);
                assertThat(image.getWidth()).isEqualTo(size);
                assertThat(image.getHeight()).isEqualTo(size);
            }
        }
    }
}
