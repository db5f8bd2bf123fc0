package dev.berth.config.compose;

/**
 * Where a value of a compose file was written.
 *
 * @param file the file as the user named it (relative to the working directory or absolute)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record SourceLocation(String file, int line, int column) {}
