package dev.berth.docker;

import java.util.List;

/** Called on the waiting thread each time the inspected states of the awaited services change. */
@FunctionalInterface
public interface HealthListener {
    void update(List<ServiceStatus> containers);

    static HealthListener none() {
        return containers -> {};
    }
}
