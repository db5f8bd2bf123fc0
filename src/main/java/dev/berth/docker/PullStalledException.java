package dev.berth.docker;

import java.time.Duration;

/** An image pull received no new data for longer than allowed and was abandoned. */
public final class PullStalledException extends DockerException {
    private final String reference;
    private final Duration stalledFor;

    public PullStalledException(String reference, Duration stalledFor, long done, long total) {
        super("Pull of " + reference + " stalled: no new data for " + stalledFor.toSeconds() + " s ("
                + Bytes.format(done) + " of " + (total == 0 ? "an unknown size" : Bytes.format(total))
                + " moved); the pull was abandoned and nothing was stopped; check the network and the registry,"
                + " then retry.");
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
