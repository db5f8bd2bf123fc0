package dev.berth.config.compose;

import java.util.Map;
import java.util.Optional;

/**
 * How a service's image is built.
 *
 * @param context the build context: an absolute folder, or a URL (git, http) as written
 * @param dockerfile the Dockerfile, relative to the context, when set
 * @param args build arguments (values interpolated; unset ones absent)
 * @param target the build stage, when set
 */
public record BuildSpec(
        String context, Optional<String> dockerfile, Map<String, String> args, Optional<String> target) {
    public BuildSpec {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }
}
