package dev.berth.engine;

import dev.berth.backup.ListedEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's view of Docker and Compose: everything a step needs, nothing more. The {@code
 * docker} package implements it (docker-java plus the compose CLI, v2 or v1); a remote host plugs
 * in behind the same interface. All methods block; {@code log} receives output lines (never
 * secrets are added by the engine) on the calling thread. Failures throw {@link RuntimeFailure}
 * with a message that says what failed.
 */
public interface ContainerRuntime {

    /** A compose project as the engine addresses it. */
    record Project(String name, Path workingDir, List<Path> files, List<Path> envFiles, List<String> profiles) {
        public Project {
            files = List.copyOf(files);
            envFiles = List.copyOf(envFiles);
            profiles = List.copyOf(profiles);
        }
    }

    /** A service's container as seen now. */
    record ServiceState(
            String service,
            String containerId,
            String image,
            String imageId,
            String state,
            Optional<String> health,
            int restarts,
            Optional<Integer> exitCode) {}

    /**
     * A step's log that also takes the runtime's own lines as texts, so they show in the user's
     * language; the log a runtime method is given is a {@code Consumer<String>} of a tool's lines,
     * and may be this (the step executor's is).
     */
    interface Log extends Consumer<String> {
        /** A line the runtime says itself. */
        void text(Text line);

        /** Writes the runtime's own {@code line} to {@code log}: as a text when it takes texts, else in English. */
        static void say(Consumer<String> log, Text line) {
            if (log instanceof Log texts) {
                texts.text(line);
            } else {
                log.accept(line.english());
            }
        }
    }

    /** Reports {@code done} of {@code total} bytes ({@code total} 0 = unknown) and what is moving. */
    @FunctionalInterface
    interface ByteProgress {
        void update(long done, long total, String what);
    }

    /** Checks the project's files with the user's own compose ({@code config -q}). */
    void validate(Project project, Consumer<String> log);

    /** Loads an image archive ({@code docker load}). */
    void loadImages(Path archive, Consumer<String> log);

    /** Builds the images of the given services (all with {@code build:} when empty). */
    void build(Project project, List<String> services, Consumer<String> log);

    /** Pulls one image with per-layer byte progress; stalls end in an error that says so. */
    void pull(String image, ByteProgress progress, Cancellation cancellation);

    /** Whether the image is present locally. */
    boolean hasImage(String image);

    /** The local image id ({@code sha256:...}) of a reference, if present. */
    Optional<String> imageId(String image);

    /** Tags an image id with a new reference. */
    void tag(String imageId, String reference);

    /** Removes an image reference (the image stays when other tags use it). */
    void removeImage(String reference);

    /**
     * Creates or recreates and starts services ({@code up -d}); all when empty. With {@link
     * Dependencies#SKIP} ({@code --no-deps}) compose starts only the services named and waits only
     * for the {@code depends_on} conditions among them.
     */
    void up(Project project, List<String> services, Dependencies dependencies, Consumer<String> log);

    /** Stops services, giving each {@code grace} after SIGTERM; all when empty. */
    void stop(Project project, List<String> services, Duration grace, Consumer<String> log);

    /** Removes the project's containers and networks. Never removes volumes. */
    void down(Project project, Consumer<String> log);

    /** Whether {@code run} (and {@code up} of named services) starts the services they depend on. */
    enum Dependencies {
        /** Compose starts them (and waits for their {@code depends_on} conditions) first. */
        START,
        /**
         * They already run with the current files ({@code run --no-deps}): compose leaves them alone
         * (docker-compose v1 would start a stopped old container rather than recreate it).
         */
        SKIP
    }

    /**
     * Runs a one-off container of a service ({@code run --rm}) and returns its exit code. {@code
     * stdin} may be null; stdout goes to {@code stdout} when given, else to {@code log}.
     */
    int run(
            Project project,
            String service,
            Dependencies dependencies,
            List<String> command,
            InputStream stdin,
            OutputStream stdout,
            Consumer<String> log);

    /**
     * Runs a command inside a running service's container. {@code stdin} may be null; stdout goes
     * to {@code stdout} (a dump, say), stderr to {@code log}. Returns the exit code.
     */
    int exec(
            Project project,
            String service,
            List<String> command,
            InputStream stdin,
            OutputStream stdout,
            Consumer<String> log);

    /**
     * Kills and removes the one-off containers ({@link #run} leftovers) of a service: what stops a
     * migration that ran past its timeout.
     */
    void removeOneOffs(Project project, String service, Consumer<String> log);

    /** The services' containers now (stopped ones included). */
    List<ServiceState> services(Project project);

    /**
     * Waits until the services are healthy (per their healthcheck; or running without restarts
     * when they have none), at most {@code timeout}; all services when empty.
     *
     * @throws RuntimeFailure naming the services that are not healthy and their last log lines
     */
    void awaitHealthy(Project project, List<String> services, Duration timeout, Cancellation cancellation);

    /** The last lines of a service's log. */
    List<String> logs(Project project, String service, int tail);

    /** The named volumes of a project (full Docker names). */
    List<String> volumes(Project project);

    /**
     * The sizes of the engine's named volumes (full Docker names → bytes), as the engine computes
     * them; a volume it did not size is absent. For the free-space preflight of a backup.
     */
    Map<String, Long> volumeSizes();

    /**
     * Writes a tar stream of a named volume's content (through a helper container labelled as
     * {@code project}'s, see {@link #removeHelpers}).
     */
    void exportVolume(Project project, String volume, OutputStream tar) throws IOException;

    /** Replaces a named volume's content with a tar stream (creating the volume when missing). */
    void importVolume(Project project, String volume, InputStream tar) throws IOException;

    /**
     * Creates a named volume labelled as compose would for {@code project}'s volume {@code key}, so
     * that compose adopts it as its own; does nothing when it exists.
     */
    void createVolume(String volume, String project, String key);

    /** Removes a named volume (not in use); does nothing when it does not exist. */
    void removeVolume(String volume);

    /** Writes a tar stream of a host folder the desktop user may not be able to read. */
    void exportPath(Project project, Path hostPath, OutputStream tar) throws IOException;

    /**
     * Lists a host folder as {@link #exportPath} would copy it, metadata only (a {@code stat} of
     * every entry, no content), through a helper container on the machine that holds it: what a
     * phase 2 compares with phase 1 to copy only what changed ({@link #exportPathEntries}).
     *
     * @throws IOException when the helper cannot list it (the caller copies the folder whole)
     */
    List<ListedEntry> listPath(Project project, Path hostPath) throws IOException;

    /**
     * Writes a tar stream of only the entries {@code names} (relative to the folder, {@code ""}
     * for the folder itself, in that order) of a host folder, each without what it holds, with
     * names, owners and modes as {@link #exportPath} writes them. The tar is built beside the data
     * (in the helper container) and then copied out through the engine's archive API.
     */
    void exportPathEntries(Project project, Path hostPath, List<String> names, OutputStream tar) throws IOException;

    /** As {@link #listPath}, for a named volume. */
    List<ListedEntry> listVolume(Project project, String volume) throws IOException;

    /** As {@link #exportPathEntries}, for a named volume. */
    void exportVolumeEntries(Project project, String volume, List<String> names, OutputStream tar) throws IOException;

    /** Replaces a host folder's content with a tar stream, keeping owners and modes. */
    void importPath(Project project, Path hostPath, InputStream tar) throws IOException;

    /**
     * Removes the helper containers left for {@code project} by a Berth process that was killed
     * while it copied (they are removed as soon as a copy ends otherwise), running or not. Call it
     * only while holding the install's lock: a helper of a copy running now would go too.
     *
     * @return the ids of the containers removed
     */
    List<String> removeHelpers(Project project);

    /**
     * Renames {@code from} to {@code to} on the machine the containers run on, as root in a helper
     * container: for what the user may not move (a folder a container user owns). Both are on that
     * machine's file system; the parent of {@code to} exists. Owners, modes and contents are kept.
     */
    void movePath(Project project, Path from, Path to) throws IOException;

    /**
     * GETs {@code url} from the machine the containers run on (so {@code 127.0.0.1} is that machine,
     * also when it is a server) and returns the status code; redirects are not followed.
     *
     * @throws IOException when nothing answers within {@code timeout} or the connection fails
     */
    int httpStatus(java.net.URI url, Duration timeout) throws IOException, InterruptedException;

    /** A Docker or Compose operation failed; the message says which and why. */
    class RuntimeFailure extends RuntimeException implements Failures.Explained {
        private final transient Text text;

        /** With a message only in English (a tool's or the adapter's words). */
        public RuntimeFailure(String message, Throwable cause) {
            super(message, cause);
            this.text = null;
        }

        /** With a message only in English (a tool's or the adapter's words). */
        public RuntimeFailure(String message) {
            super(message);
            this.text = null;
        }

        /** With a message the engine says in the user's language; the exception's message is its English. */
        public RuntimeFailure(Text text) {
            super(text.english());
            this.text = text;
        }

        /** With a message said in the user's language, and its cause for the log. */
        public RuntimeFailure(Text text, Throwable cause) {
            super(text.english(), cause);
            this.text = text;
        }

        /** The message as a text, when the engine made it; empty for a tool's or the adapter's English. */
        @Override
        public java.util.Optional<Text> text() {
            return java.util.Optional.ofNullable(text);
        }
    }
}
