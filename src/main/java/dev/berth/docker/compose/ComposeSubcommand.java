package dev.berth.docker.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * The compose sub-commands Berth runs, each rendering only the flags the given generation
 * understands.
 */
public sealed interface ComposeSubcommand {

    /** The sub-command and its arguments for {@code generation}. */
    List<String> arguments(ComposeGeneration generation);

    /** The sub-command word, for messages. */
    default String verb() {
        return arguments(ComposeGeneration.V1).getFirst();
    }

    /** Whether {@code up} and {@code run} also start the services a service depends on. */
    enum Dependencies {
        START,
        SKIP
    }

    /** Whether {@code down} also deletes the project's named volumes (its data). */
    enum Volumes {
        KEEP,
        REMOVE
    }

    /** {@code ps} output: the table, or container ids only. */
    enum PsOutput {
        TABLE,
        IDS
    }

    /** {@code config -q}: validate the files and the interpolation, print nothing. */
    record Validate() implements ComposeSubcommand {
        @Override
        public List<String> arguments(ComposeGeneration g) {
            return List.of("config", "-q");
        }
    }

    /** {@code pull [services]}. */
    record Pull(List<String> services) implements ComposeSubcommand {
        public Pull {
            services = List.copyOf(services);
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            return with(List.of("pull"), services);
        }
    }

    /** {@code build [services]}. */
    record Build(List<String> services) implements ComposeSubcommand {
        public Build {
            services = List.copyOf(services);
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            return with(List.of("build"), services);
        }
    }

    /** {@code up -d [--no-deps] [services]}. */
    record Up(Dependencies dependencies, List<String> services) implements ComposeSubcommand {
        public Up {
            services = List.copyOf(services);
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            List<String> a = new ArrayList<>(List.of("up", "-d"));
            if (dependencies == Dependencies.SKIP) {
                a.add("--no-deps");
            }
            return with(a, services);
        }
    }

    /** {@code stop -t SECONDS [services]}. */
    record Stop(int timeoutSeconds, List<String> services) implements ComposeSubcommand {
        public Stop {
            services = List.copyOf(services);
            if (timeoutSeconds < 0) {
                throw new IllegalArgumentException("stop timeout must be >= 0");
            }
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            return with(List.of("stop", "-t", Integer.toString(timeoutSeconds)), services);
        }
    }

    /** {@code start [services]}: starts existing containers without recreating them. */
    record Start(List<String> services) implements ComposeSubcommand {
        public Start {
            services = List.copyOf(services);
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            return with(List.of("start"), services);
        }
    }

    /** {@code ps}: v2 gets {@code -a} so that stopped containers are listed as v1 lists them. */
    record Ps(PsOutput output) implements ComposeSubcommand {
        @Override
        public List<String> arguments(ComposeGeneration g) {
            List<String> a = new ArrayList<>(List.of("ps"));
            if (g == ComposeGeneration.V2) {
                a.add("-a");
            }
            if (output == PsOutput.IDS) {
                a.add("-q");
            }
            return a;
        }
    }

    /** {@code run --rm -T [--no-deps] SERVICE [args]}: a one-off job such as a migration. */
    record Run(String service, Dependencies dependencies, List<String> args) implements ComposeSubcommand {
        public Run {
            args = List.copyOf(args);
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            List<String> a = new ArrayList<>(List.of("run", "--rm", "-T"));
            if (dependencies == Dependencies.SKIP) {
                a.add("--no-deps");
            }
            a.add(service);
            a.addAll(args);
            return a;
        }
    }

    /** {@code exec -T SERVICE args}: a command in the running container of a service. */
    record Exec(String service, List<String> args) implements ComposeSubcommand {
        public Exec {
            args = List.copyOf(args);
            if (args.isEmpty()) {
                throw new IllegalArgumentException("exec needs a command");
            }
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            List<String> a = new ArrayList<>(List.of("exec", "-T", service));
            a.addAll(args);
            return a;
        }
    }

    /** {@code down [-v]}: removes containers and networks; volumes only when asked with {@link Volumes#REMOVE}. */
    record Down(Volumes volumes) implements ComposeSubcommand {
        @Override
        public List<String> arguments(ComposeGeneration g) {
            return volumes == Volumes.REMOVE ? List.of("down", "-v") : List.of("down");
        }
    }

    /** {@code logs --no-color --tail N [services]}. */
    record Logs(int tail, List<String> services) implements ComposeSubcommand {
        public Logs {
            services = List.copyOf(services);
        }

        @Override
        public List<String> arguments(ComposeGeneration g) {
            return with(List.of("logs", "--no-color", "--tail", Integer.toString(tail)), services);
        }
    }

    private static List<String> with(List<String> head, List<String> services) {
        List<String> a = new ArrayList<>(head);
        a.addAll(services);
        return List.copyOf(a);
    }
}
