package dev.berth.docker.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a command reaches the server's shell without any quoting risk. The SSH exec request carries
 * one fixed line ({@link #COMMAND}): a small POSIX {@code sh} script (safe inside single quotes in
 * every login shell: sh, bash, zsh, fish, csh) that reads a header from standard input, one line per
 * item, each value base64-encoded:
 *
 * <pre>
 * a &lt;arg&gt;          an argument (program first)
 * e NAME &lt;value&gt;   an environment variable (never on any command line, so secrets stay out of ps)
 * u NAME           a variable to unset
 * w &lt;dir&gt;          the working folder
 * A, E, W          the same with the value as it is, for values of only [A-Za-z0-9_./:=@%+,-]
 * .                end of header; the rest of stdin is the command's
 * </pre>
 *
 * The script then changes to the folder, checks that the program exists, reports {@code berth-exec:
 * ok PID PGID} (or why it cannot run) as one line on stderr, and {@code exec}s the command, which so
 * keeps the shell's process (and the process group sshd made for the session: cancellation kills
 * that group). The shell's {@code read} takes one byte at a time from a pipe, so it never eats the
 * command's input.
 */
final class RemoteExec {
    /** Prefix of the line the script writes on stderr before the command starts. */
    static final String MARKER = "berth-exec: ";

    /** Exit code of the script when its header is broken or the folder is missing. */
    static final int SETUP_FAILED = 125;

    private static final String SCRIPT = "d() { v=$(printf %s \"$1\" | base64 -d && printf x) || exit 125; v=${v%x}; };"
            + " set --; w=; ok=;"
            + " while IFS= read -r l; do case $l in"
            + " .) ok=1; break;;"
            + " \"a \"*) d \"${l#a }\"; set -- \"$@\" \"$v\";;"
            + " \"A \"*) set -- \"$@\" \"${l#A }\";;"
            + " \"e \"*) l=${l#e }; d \"${l#* }\"; export \"${l%% *}=$v\";;"
            + " \"E \"*) l=${l#E }; export \"${l%% *}=${l#* }\";;"
            + " \"u \"*) unset -v \"${l#u }\";;"
            + " \"w \"*) d \"${l#w }\"; w=$v;;"
            + " \"W \"*) w=${l#W };;"
            + " *) break;;"
            + " esac; done;"
            + " [ -n \"$ok\" ] || { echo \"berth-exec: bad-header\" >&2; exit 125; };"
            + " if [ -n \"$w\" ]; then cd \"$w\" 2>/dev/null || { echo \"berth-exec: no-dir\" >&2; exit 125; }; fi;"
            + " command -v \"$1\" >/dev/null 2>&1 || { echo \"berth-exec: not-found\" >&2; exit 127; };"
            + " g=; if read -r s < /proc/$$/stat; then s=${s##*) }; p() { g=$3; }; p $s; fi;"
            + " [ -n \"$g\" ] || g=$(ps -o pgid= -p $$ | tr -d \" \");"
            + " echo \"berth-exec: ok $$ $g\" >&2;"
            + " exec \"$@\"";

    /** The exec request's command line: the same for every command. */
    static final String COMMAND = "exec /bin/sh -c '" + SCRIPT + "'";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
    private static final int MAX_NOISE = 8192;

    private RemoteExec() {}

    static {
        if (SCRIPT.contains("'") || SCRIPT.contains("\\") || SCRIPT.contains("!") || SCRIPT.contains("\n")) {
            throw new IllegalStateException("the exec script must be safe inside single quotes in any shell");
        }
    }

    /** The header that starts the command's stdin. */
    static byte[] header(List<String> command, Map<String, String> environment, Set<String> unset, String dir) {
        StringBuilder h = new StringBuilder();
        for (String name : unset) {
            h.append("u ").append(checkName(name)).append('\n');
        }
        environment.forEach((name, value) -> h.append(item('e', value, checkName(name) + " ")));
        h.append(item('w', dir, ""));
        for (String a : command) {
            h.append(item('a', a, ""));
        }
        h.append(".\n");
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One header line: {@code kind} in upper case with the value as it is when it holds only
     * characters that need no decoding (most arguments: names, flags, paths), saving the server a
     * {@code base64} process; otherwise lower case and base64.
     */
    private static String item(char kind, String value, String name) {
        if (SAFE.matcher(value).matches()) {
            return Character.toUpperCase(kind) + " " + name + value + "\n";
        }
        return kind + " " + name + b64(value) + "\n";
    }

    private static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid environment variable name");
        }
        return name;
    }

    private static String b64(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a value passed to a remote command cannot hold a NUL character");
        }
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** What the script said before the command started. */
    sealed interface Start {
        /** The command runs. */
        record Running(long pid, long processGroup) implements Start {}

        /** It does not: {@code reason} is the script's word ({@code not-found}, {@code no-dir}...) or empty. */
        record Failed(String reason, String output) implements Start {}
    }

    /**
     * Reads stderr up to the script's marker line, one byte at a time so nothing of the command's
     * own stderr is taken. Lines before it (a chatty login script) are kept for the error message.
     */
    static Start readStart(InputStream stderr) throws IOException {
        StringBuilder noise = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = stderr.read()) >= 0) {
            if (b != '\n') {
                if (line.size() < MAX_NOISE) {
                    line.write(b);
                }
                continue;
            }
            String l = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (l.startsWith(MARKER)) {
                String[] words = l.substring(MARKER.length()).strip().split(" ");
                if (words[0].equals("ok") && words.length == 3) {
                    try {
                        return new Start.Running(Long.parseLong(words[1]), Long.parseLong(words[2]));
                    } catch (NumberFormatException e) {
                        return new Start.Failed("bad-marker", l);
                    }
                }
                return new Start.Failed(words[0], noise.toString().strip());
            }
            if (noise.length() < MAX_NOISE) {
                noise.append(l).append('\n');
            }
        }
        noise.append(line.toString(StandardCharsets.UTF_8));
        return new Start.Failed("", noise.toString().strip());
    }

    /** Signals the whole process group: SIGTERM, then SIGKILL to what is left after {@code graceTenths}. */
    static String terminateCommand(long processGroup, long graceTenths) {
        if (processGroup <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + processGroup);
        }
        String g = Long.toString(processGroup);
        return "exec /bin/sh -c 'kill -TERM -" + g + " 2>/dev/null || exit 0; i=0;"
                + " while [ $i -lt " + graceTenths + " ] && kill -0 -" + g
                + " 2>/dev/null; do sleep 0.1; i=$((i+1)); done;"
                + " kill -KILL -" + g + " 2>/dev/null; exit 0'";
    }

    /** The number of a signal as SSH names it ({@code TERM}, {@code KILL}...); 0 when unknown. */
    static int signalNumber(String name) {
        return switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "ILL" -> 4;
            case "ABRT" -> 6;
            case "FPE" -> 8;
            case "KILL" -> 9;
            case "USR1" -> 10;
            case "SEGV" -> 11;
            case "USR2" -> 12;
            case "PIPE" -> 13;
            case "ALRM" -> 14;
            case "TERM" -> 15;
            default -> 0;
        };
    }
}
