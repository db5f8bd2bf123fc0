package dev.berth.config.compose;

/**
 * Where interpolation variables come from. A desktop app's process environment is not the shell
 * the install was started from, so the process environment is used only when asked for.
 */
public enum VariableSource {
    /** Only the project's {@code .env} file (or the {@code --env-file} files given). */
    ENV_FILES,
    /** The env files, then the process environment on top (it wins, as in compose). */
    ENV_FILES_AND_PROCESS
}
