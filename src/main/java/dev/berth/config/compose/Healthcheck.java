package dev.berth.config.compose;

import java.util.List;
import java.util.Optional;

/**
 * A service's health check.
 *
 * @param test the test command in compose's list form ({@code ["CMD-SHELL", "..."]}, {@code
 *     ["CMD", ...]} or {@code ["NONE"]}); empty when the image's check is kept
 * @param interval as written (e.g. {@code 30s}), when set
 * @param timeout as written, when set
 * @param retries when set
 * @param startPeriod as written, when set
 * @param disabled {@code disable: true} or a {@code NONE} test
 */
public record Healthcheck(
        List<String> test,
        Optional<String> interval,
        Optional<String> timeout,
        Optional<Integer> retries,
        Optional<String> startPeriod,
        boolean disabled) {
    public Healthcheck {
        test = List.copyOf(test);
    }
}
