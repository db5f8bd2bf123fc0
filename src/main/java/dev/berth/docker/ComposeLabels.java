package dev.berth.docker;

/** The labels compose (v1 and v2) puts on what it creates. */
public final class ComposeLabels {
    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    /** Comma-separated; v1 writes them relative to the working dir, v2 absolute. */
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    /** v2 only; comma-separated absolute paths. */
    public static final String ENVIRONMENT_FILE = "com.docker.compose.project.environment_file";
    /** {@code True} on containers of {@code compose run}. */
    public static final String ONEOFF = "com.docker.compose.oneoff";

    public static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
    public static final String VERSION = "com.docker.compose.version";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    /** On volumes: the volume's name in the compose file. */
    public static final String VOLUME = "com.docker.compose.volume";

    private ComposeLabels() {}
}
