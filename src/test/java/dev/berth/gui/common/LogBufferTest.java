package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void keepsTheNewestLinesAndCountsTheDroppedOnes() {
        LogBuffer log = new LogBuffer(3);
        for (int i = 1; i <= 5; i++) {
            log.append("line " + i);
        }

        assertThat(log.lines()).containsExactly("line 3", "line 4", "line 5");
        assertThat(log.droppedProperty().get()).isEqualTo(2);
    }

    @Test
    void aBatchLargerThanTheBufferKeepsItsTail() {
        LogBuffer log = new LogBuffer(4);
        log.append("first");

        log.appendAll(IntStream.range(0, 10).mapToObj(i -> "l" + i).toList());

        assertThat(log.lines()).containsExactly("l6", "l7", "l8", "l9");
        assertThat(log.droppedProperty().get()).isEqualTo(7);
    }

    @Test
    void textWithLineBreaksBecomesSeveralLines() {
        LogBuffer log = new LogBuffer(10);

        log.append("a\r\nb\nc");

        assertThat(log.lines()).containsExactly("a", "b", "c");
    }

    @Test
    void aBatchIsOneChangeToTheList() {
        LogBuffer log = new LogBuffer(5);
        log.appendAll(List.of("1", "2", "3", "4", "5"));
        int[] changes = {0};
        log.lines().addListener((javafx.collections.ListChangeListener<String>) c -> changes[0]++);

        log.appendAll(List.of("6", "7"));

        assertThat(changes[0]).isEqualTo(2); // one removal, one addition
        assertThat(log.lines()).containsExactly("3", "4", "5", "6", "7");
    }

    @Test
    void clearResetsTheDroppedCount() {
        LogBuffer log = new LogBuffer(1);
        log.append("a");
        log.append("b");

        log.clear();

        assertThat(log.lines()).isEmpty();
        assertThat(log.droppedProperty().get()).isZero();
    }
}
