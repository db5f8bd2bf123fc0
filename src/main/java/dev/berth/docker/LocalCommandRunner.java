package dev.berth.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs commands on this computer with {@link ProcessBuilder}. */
public final class LocalCommandRunner implements CommandRunner {
    private final Map<String, String> baseEnvironment;

    /**
     * @param baseEnvironment the whole environment of every command before the per-call variables
     *     are added; usually this process's environment minus what must not leak into compose
     */
    public LocalCommandRunner(Map<String, String> baseEnvironment) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
    }

    /** A runner whose commands inherit this process's environment. */
    public static LocalCommandRunner inheritingEnvironment() {
        return new LocalCommandRunner(System.getenv());
    }

    @Override
    public RunningCommand start(List<String> command, Map<String, String> environment, Path workingDir)
            throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        if (!Files.isDirectory(workingDir)) {
            throw new IOException("cannot run " + command.getFirst() + " in " + workingDir
                    + ": the folder does not exist; nothing was run");
        }
        ProcessBuilder pb = new ProcessBuilder(List.copyOf(command)).directory(workingDir.toFile());
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.putAll(environment);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run " + command.getFirst() + " on " + describe() + ": " + e.getMessage()
                            + "; is it installed and on the PATH? Nothing was run.",
                    e);
        }
        return new LocalRunningCommand(p, command.getFirst());
    }

    @Override
    public String describe() {
        return "this computer";
    }
}
