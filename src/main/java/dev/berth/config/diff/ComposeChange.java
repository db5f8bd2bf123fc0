package dev.berth.config.diff;

import java.util.List;
import java.util.Optional;

/**
 * One difference between two resolved compose projects. Environment values are as they may be
 * shown: secrets masked ({@link SecretMasker#MASK}), URL passwords masked.
 */
public sealed interface ComposeChange {

    /** The service concerned, or empty for a top-level volume or network. */
    default String service() {
        return "";
    }

    /** One line for the command line and golden files. */
    String describe();

    /** A service only the new project has. */
    record ServiceAdded(String service, String image) implements ComposeChange {
        @Override
        public String describe() {
            return "service added    " + service + " (" + image + ")";
        }
    }

    /** A service only the old project has. */
    record ServiceRemoved(String service, String image) implements ComposeChange {
        @Override
        public String describe() {
            return "service removed  " + service + " (" + image + ")";
        }
    }

    /**
     * A new image reference; {@link #tagOnly()} when only the tag or digest changed. References that
     * name the same image ({@code redis:7} and {@code docker.io/library/redis:7}) are no change.
     */
    record ImageChanged(String service, String before, String after) implements ComposeChange {
        /** Whether the repository stayed and only the tag (or digest) changed. */
        public boolean tagOnly() {
            return repository(before).equals(repository(after));
        }

        @Override
        public String describe() {
            return service + ": image " + before + " -> " + after;
        }

        /** The reference without Docker Hub's implicit registry and {@code library/} namespace. */
        static String canonical(String image) {
            String ref = image;
            for (String prefix : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
                if (ref.startsWith(prefix)) {
                    ref = ref.substring(prefix.length());
                    break;
                }
            }
            return ref.startsWith("library/") ? ref.substring("library/".length()) : ref;
        }

        private static String repository(String image) {
            String ref = canonical(image);
            String noDigest = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
            int slash = noDigest.lastIndexOf('/');
            int colon = noDigest.lastIndexOf(':');
            return colon > slash ? noDigest.substring(0, colon) : noDigest;
        }
    }

    /** A container variable set, unset or changed; empty when absent on that side. */
    record EnvironmentChanged(String service, String key, Optional<String> before, Optional<String> after)
            implements ComposeChange {
        @Override
        public String describe() {
            if (before.isEmpty()) {
                return service + ": environment + " + key + "=" + after.orElseThrow();
            }
            if (after.isEmpty()) {
                return service + ": environment - " + key + "=" + before.get();
            }
            String note = before.equals(after) ? " (secret changed)" : "";
            return service + ": environment ~ " + key + ": " + before.get() + " -> " + after.get() + note;
        }
    }

    /** Published ports removed and added, in short form ({@code 127.0.0.1:8080:80/tcp}). */
    record PortsChanged(String service, List<String> removed, List<String> added) implements ComposeChange {
        public PortsChanged {
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }

        @Override
        public String describe() {
            return service + ": ports" + listed(removed, added);
        }
    }

    /**
     * Mounts removed and added, in short form: {@code name:/target} for a volume, {@code ./path:/target}
     * for a bind inside the project folder, {@code tmpfs:/target}; {@code :ro} when read-only.
     */
    record MountsChanged(String service, List<String> removed, List<String> added) implements ComposeChange {
        public MountsChanged {
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }

        @Override
        public String describe() {
            return service + ": volumes" + listed(removed, added);
        }
    }

    /** A top-level named volume only the new project defines. */
    record VolumeAdded(String name) implements ComposeChange {
        @Override
        public String describe() {
            return "volume added     " + name;
        }
    }

    /** A top-level named volume only the old project defines; its data stays in Docker. */
    record VolumeRemoved(String name) implements ComposeChange {
        @Override
        public String describe() {
            return "volume removed   " + name;
        }
    }

    /** A top-level network only the new project defines. */
    record NetworkAdded(String name) implements ComposeChange {
        @Override
        public String describe() {
            return "network added    " + name;
        }
    }

    /** A top-level network only the old project defines. */
    record NetworkRemoved(String name) implements ComposeChange {
        @Override
        public String describe() {
            return "network removed  " + name;
        }
    }

    private static String listed(List<String> removed, List<String> added) {
        StringBuilder sb = new StringBuilder();
        removed.forEach(r -> sb.append(" -").append(r));
        added.forEach(a -> sb.append(" +").append(a));
        return sb.toString();
    }
}
