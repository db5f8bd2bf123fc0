package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** Only the newest planning request's answer reaches the wizard. */
class PlanningTest {
    final Queue<Runnable> fx = new ArrayDeque<>();
    final Planning planning = new Planning(new FxBridge(fx::add, Runnable::run));
    final List<String> shown = new ArrayList<>();

    private void drain() {
        while (!fx.isEmpty()) {
            fx.poll().run();
        }
    }

    @Test
    void anAnswerThatComesAfterANewerRequestIsDropped() {
        planning.request(() -> "old", shown::add, e -> shown.add("failed"));
        planning.request(() -> "new", shown::add, e -> shown.add("failed"));
        drain();
        assertThat(shown).containsExactly("new");
    }

    @Test
    void anInvalidatedRequestsErrorIsDroppedTooAndAFreshOneIsShown() {
        planning.<String>request(
                () -> {
                    throw new IllegalStateException("Docker went away");
                },
                shown::add,
                e -> shown.add(Planning.message(e).english()));
        planning.invalidate();
        drain();
        assertThat(shown).isEmpty();

        planning.<String>request(
                () -> {
                    throw new IllegalStateException();
                },
                shown::add,
                e -> shown.add(Planning.message(e).english()));
        drain();
        assertThat(shown).containsExactly("java.lang.IllegalStateException");
    }
}
