package dev.berth.docker.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads small text files of an install (env files, manifests, compose files). */
interface HostFiles {
    /** What reading a file gave. */
    enum Status {
        OK,
        MISSING,
        UNREADABLE
    }

    /** The text, when {@link Status#OK}; else empty, with the reason in {@code problem}. */
    record Text(Status status, String text, String problem) {}

    Text read(Path file);

    /** Reads as this user. */
    static HostFiles direct() {
        return file -> {
            try {
                return new Text(Status.OK, Files.readString(file, StandardCharsets.UTF_8), "");
            } catch (NoSuchFileException e) {
                return new Text(Status.MISSING, "", "missing");
            } catch (AccessDeniedException e) {
                return new Text(Status.UNREADABLE, "", "permission denied");
            } catch (IOException e) {
                return new Text(Status.UNREADABLE, "", String.valueOf(e.getMessage()));
            }
        };
    }
}
