package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

    @Test
    void secretsHaveTheRequestedLengthAndOnlyEnvSafeCharacters() {
        SecretGenerator g = SecretGenerator.secure();

        String s = g.generate(48);

        assertThat(s).hasSize(48).matches("[A-Za-z0-9]+");
    }

    @Test
    void secretsDiffer() {
        SecretGenerator g = SecretGenerator.secure();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(g.generate(16));
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void everyCharacterOfTheAlphabetCanAppear() {
        SecretGenerator g = new SecretGenerator(new Random(42));
        Set<Character> seen = new HashSet<>();
        g.generate(256).chars().forEach(c -> seen.add((char) c));
        g.generate(256).chars().forEach(c -> seen.add((char) c));

        assertThat(seen).hasSize(SecretGenerator.ALPHABET.length());
    }

    @Test
    void tooShortOrTooLongIsRefused() {
        SecretGenerator g = SecretGenerator.secure();
        assertThatThrownBy(() -> g.generate(7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.generate(257)).isInstanceOf(IllegalArgumentException.class);
    }
}
