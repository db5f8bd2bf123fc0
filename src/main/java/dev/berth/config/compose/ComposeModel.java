package dev.berth.config.compose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed view of a resolved compose project that the rest of Berth uses. Services whose
 * profiles are not active are not in it. Things Berth does not model stay in {@link
 * ComposeProject#tree()}.
 *
 * @param services enabled services by name, in the order the files define them
 * @param volumes top-level named volumes by key
 * @param networks top-level network keys
 * @param secrets top-level secret keys
 * @param configs top-level config keys
 */
public record ComposeModel(
        Map<String, ComposeService> services,
        Map<String, NamedVolume> volumes,
        List<String> networks,
        List<String> secrets,
        List<String> configs) {
    public ComposeModel {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
        networks = List.copyOf(networks);
        secrets = List.copyOf(secrets);
        configs = List.copyOf(configs);
    }

    public Optional<ComposeService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** Service names in file order. */
    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }
}
