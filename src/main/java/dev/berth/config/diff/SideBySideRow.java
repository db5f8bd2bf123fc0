package dev.berth.config.diff;

import java.util.Optional;

/**
 * One row of a side-by-side view: the old line on the left, the new line on the right. A context
 * row has both; a changed line pairs a removed with an added line; a pure addition or removal leaves
 * one side empty.
 */
public record SideBySideRow(Optional<DiffLine> left, Optional<DiffLine> right) {}
