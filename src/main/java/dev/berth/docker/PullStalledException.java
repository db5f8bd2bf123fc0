package dev.berth.docker;

import dev.berth.engine.Text;
import java.time.Duration;
import java.util.List;

/** An image pull received no new data for longer than allowed and was abandoned. */
public final class PullStalledException extends DockerException {
    private final String reference;
    private final Duration stalledFor;

    public PullStalledException(String reference, Duration stalledFor, long done, long total) {
        super(
                new Text(
                        (total == 0 ? Text.Key.ERROR_PULL_STALLED_UNKNOWN : Text.Key.ERROR_PULL_STALLED).key(),
                        total == 0
                                ? List.of(reference, String.valueOf(stalledFor.toSeconds()), Text.bytes(done))
                                : List.of(
                                        reference,
                                        String.valueOf(stalledFor.toSeconds()),
                                        Text.bytes(done),
                                        Text.bytes(total)),
                        "Pull of " + reference + " stalled: no new data for " + stalledFor.toSeconds() + " s ("
                                + Bytes.format(done) + " of "
                                + (total == 0 ? "an unknown size" : Bytes.format(total))
                                + " moved); the pull was abandoned and nothing was stopped; check the network and"
                                + " the registry, then retry."),
                null);
        this.reference = reference;
        this.stalledFor = stalledFor;
    }

    public String reference() {
        return reference;
    }

    public Duration stalledFor() {
        return stalledFor;
    }
}
