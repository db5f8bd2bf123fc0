package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FxBridgeTest {
    /** A stand-in FX thread: tasks wait in a queue until the test drains it. */
    private final Queue<Runnable> fxQueue = new ArrayDeque<>();

    private final FxBridge bridge = new FxBridge(fxQueue::add, Runnable::run);

    private void drain() {
        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
        }
    }

    @Test
    void resultsArriveOnTheFxSideOnly() {
        List<String> got = new ArrayList<>();

        bridge.run(() -> "rows", got::add, e -> got.add("failed"));

        assertThat(got).as("nothing before the FX thread runs").isEmpty();
        drain();
        assertThat(got).containsExactly("rows");
    }

    @Test
    void failuresArriveOnTheFxSideWithTheException() {
        List<Exception> got = new ArrayList<>();

        bridge.run(
                () -> {
                    throw new IOException("disk full");
                },
                r -> {},
                got::add);
        drain();

        assertThat(got).singleElement().extracting(Exception::getMessage).isEqualTo("disk full");
    }

    @Test
    void deliverKeepsEveryEventInOrder() {
        List<Integer> got = new ArrayList<>();
        Consumer<Integer> listener = bridge.deliver(got::add);

        listener.accept(1);
        listener.accept(2);
        listener.accept(3);
        drain();

        assertThat(got).containsExactly(1, 2, 3);
    }

    @Test
    void latestCoalescesEventsThatArriveWhileOneIsWaiting() {
        List<Long> got = new ArrayList<>();
        Consumer<Long> listener = bridge.latest(got::add);

        for (long i = 1; i <= 1000; i++) {
            listener.accept(i);
        }
        assertThat(fxQueue).as("one task queued for a thousand events").hasSize(1);
        drain();
        listener.accept(1001L);
        drain();

        assertThat(got).containsExactly(1000L, 1001L);
    }
}
