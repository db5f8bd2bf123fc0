package dev.berth.release;

import dev.berth.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@code git} command line, for releases published as tags of a repository. Only read
 * operations run against the user's repository ({@code ls-remote}, {@code fetch} into a bare
 * repository of ours); files reach the disk through {@link ArchiveExtractor}, so links in the
 * repository get the same checks as links in an archive.
 */
final class GitCli {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._+/@-]+");

    private final Duration timeout;

    GitCli(Duration timeout) {
        this.timeout = timeout;
    }

    /** Checks a repository string before it reaches a command line. */
    static void checkRepository(String repository, String display) {
        if (repository.isBlank() || repository.startsWith("-") || repository.contains("::")) {
            throw new ConfigException(
                    display,
                    0,
                    ConfigException.Reason.GIT_REPOSITORY_REFUSED,
                    List.of(repository),
                    "\"" + repository + "\" is no git repository Berth accepts: give a folder path or a"
                            + " file://, https:// or ssh:// URL");
        }
    }

    /** Checks a tag name: no options, no ref-spec syntax. */
    static void checkTag(String tag, String display) {
        if (!TAG.matcher(tag).matches()
                || tag.startsWith("-")
                || tag.startsWith("/")
                || tag.endsWith("/")
                || tag.contains("..")
                || tag.endsWith(".lock")
                || tag.contains("@{")) {
            throw new ConfigException(
                    display,
                    0,
                    ConfigException.Reason.GIT_TAG_INVALID,
                    List.of(tag),
                    "\"" + tag + "\" is not a valid tag name");
        }
    }

    /** The tag names of a repository, as {@code git ls-remote --tags} lists them. */
    List<String> tags(String repository, String display) {
        checkRepository(repository, display);
        String out = new String(
                run(display, null, List.of("git", "ls-remote", "--tags", "--refs", "--", repository)),
                StandardCharsets.UTF_8);
        List<String> tags = new ArrayList<>();
        for (String line : out.split("\n")) {
            int i = line.indexOf("refs/tags/");
            if (i >= 0) {
                tags.add(line.substring(i + "refs/tags/".length()).strip());
            }
        }
        return tags;
    }

    /**
     * Extracts the tree of one tag into {@code target}: a shallow fetch of the tag into a bare
     * repository under {@code scratch}, then {@code git archive} streamed through the safe extractor.
     */
    void exportTag(String repository, String tag, Path scratch, Path target, ExtractionLimits limits, String display) {
        checkRepository(repository, display);
        checkTag(tag, display);
        Path bare = scratch.resolve("repo.git");
        run(display, null, List.of("git", "init", "--quiet", "--bare", bare.toString()));
        try {
            run(
                    display,
                    null,
                    List.of(
                            "git",
                            "-C",
                            bare.toString(),
                            "-c",
                            "protocol.ext.allow=never",
                            "fetch",
                            "--quiet",
                            "--depth",
                            "1",
                            "--no-tags",
                            "--",
                            fetchUrl(repository),
                            "+refs/tags/" + tag + ":refs/tags/" + tag));
        } catch (ConfigException e) {
            String msg = e.getMessage();
            if (msg.contains("couldn't find remote ref") || msg.contains("not our ref")) {
                throw Refusals.because(
                        new ConfigException(
                                display,
                                0,
                                ConfigException.Reason.GIT_NO_TAG,
                                List.of(tag, repository),
                                "the repository has no tag " + tag + "; list its tags with git ls-remote --tags "
                                        + repository + " and give one of them"),
                        e);
            }
            throw e;
        }
        ProcessBuilder pb =
                builder(List.of("git", "-C", bare.toString(), "archive", "--format=tar", "refs/tags/" + tag));
        Process p = start(pb, display);
        Drained err = drain(p.getErrorStream());
        try (InputStream tar = p.getInputStream()) {
            ArchiveExtractor.extractTar(tar, target, limits, display);
            // The tar ends before git's last padding block; read it so git exits on its own.
            tar.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        finish(p, pb, err, display);
    }

    /** A local path becomes a file:// URL, so {@code --depth} is honoured. */
    private static String fetchUrl(String repository) {
        Path p = Path.of(repository.replaceFirst("^file://", ""));
        if (!repository.contains("://") && !repository.contains("@") && Files.isDirectory(p)) {
            return p.toAbsolutePath().normalize().toUri().toString();
        }
        return repository;
    }

    private byte[] run(String display, Path dir, List<String> command) {
        ProcessBuilder pb = builder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = start(pb, display);
        Drained err = drain(p.getErrorStream());
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        } catch (IOException e) {
            p.destroyForcibly();
            throw Refusals.because(
                    new ConfigException(
                            display,
                            0,
                            ConfigException.Reason.GIT_OUTPUT_UNREADABLE,
                            List.of(e.toString()),
                            "reading the output of git failed (" + e + ")"),
                    e);
        }
        finish(p, pb, err, display);
        return out;
    }

    private static ProcessBuilder builder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_ASKPASS", "true");
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb;
    }

    private static Process start(ProcessBuilder pb, String display) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw Refusals.because(
                    new ConfigException(
                            display,
                            0,
                            ConfigException.Reason.GIT_NOT_STARTED,
                            List.of(String.valueOf(e.getMessage())),
                            "git could not be started (" + e.getMessage() + "); install git (apt-get install git) or"
                                    + " give the release as a folder or an archive"),
                    e);
        }
    }

    /** Standard error, read on its own thread so a chatty git cannot block on a full pipe. */
    private record Drained(Thread thread, ByteArrayOutputStream buf) {
        String text() throws InterruptedException {
            thread.join(Duration.ofSeconds(10));
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8).strip();
            }
        }
    }

    private static Drained drain(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try (in) {
                byte[] b = new byte[8192];
                int n;
                while ((n = in.read(b)) > 0) {
                    synchronized (buf) {
                        buf.write(b, 0, n);
                    }
                }
            } catch (IOException e) {
                // The process ended or was stopped; what was read so far is kept for the message.
            }
        });
        return new Drained(t, buf);
    }

    private void finish(Process p, ProcessBuilder pb, Drained err, String display) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                String seconds = String.valueOf(timeout.toSeconds());
                String command = String.join(" ", pb.command());
                throw new ConfigException(
                        display,
                        0,
                        ConfigException.Reason.GIT_TIMEOUT,
                        List.of(seconds, command),
                        "git did not finish within " + seconds + " s (" + command
                                + "); check the network and the repository, then retry");
            }
            if (p.exitValue() == 0) {
                return;
            }
            String text = err.text();
            String exit = String.valueOf(p.exitValue());
            String english = "git failed (exit " + exit + "): " + (text.isEmpty() ? "no message" : text)
                    + "; check that the repository and the tag exist and are readable";
            throw text.isEmpty()
                    ? new ConfigException(display, 0, ConfigException.Reason.GIT_FAILED_SILENT, List.of(exit), english)
                    : new ConfigException(display, 0, ConfigException.Reason.GIT_FAILED, List.of(exit, text), english);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw Refusals.because(
                    new ConfigException(
                            display,
                            0,
                            ConfigException.Reason.GIT_INTERRUPTED,
                            List.of(),
                            "interrupted while git was running"),
                    e);
        }
    }
}
