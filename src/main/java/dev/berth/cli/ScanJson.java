package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.docker.PublishedPort;
import dev.berth.docker.scan.BindMount;
import dev.berth.docker.scan.DataRoot;
import dev.berth.docker.scan.DataVariable;
import dev.berth.docker.scan.Install;
import dev.berth.docker.scan.InstallWarning;
import dev.berth.docker.scan.NamedVolume;
import dev.berth.docker.scan.ServiceInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code berth scan --json}: an array of installs with absolute paths, full volume names and
 * sizes in bytes ({@code null} when not measured). Field names are part of the CLI contract.
 */
final class ScanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScanJson() {}

    static String write(List<Install> installs) {
        ArrayNode root = JSON.createArrayNode();
        installs.forEach(i -> root.add(install(i)));
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode install(Install i) {
        ObjectNode n = JSON.createObjectNode();
        n.put("project", i.project());
        n.put("origin", word(i.origin()));
        n.put("workingDir", path(i.workingDir()));
        n.put("workingDirState", word(i.workingDirState()));
        ArrayNode files = n.putArray("configFiles");
        i.configFiles().forEach(f -> files.add(f.toString()));
        n.put("envFile", path(i.envFile()));
        n.put("state", word(i.state()));
        n.put("composeVersion", i.composeVersion().orElse(null));
        ObjectNode version = n.putObject("version");
        version.put("value", i.version().version().orElse(null));
        version.put("source", word(i.version().source()));
        version.put("detail", i.version().detail());
        ArrayNode services = n.putArray("services");
        i.services().forEach(s -> services.add(service(s)));
        ArrayNode roots = n.putArray("dataRoots");
        i.dataRoots().forEach(r -> roots.add(root(r)));
        ArrayNode volumes = n.putArray("volumes");
        i.volumes().forEach(v -> volumes.add(volume(v)));
        ArrayNode variables = n.putArray("dataVariables");
        i.dataVariables().forEach(v -> variables.add(variable(v)));
        ArrayNode binds = n.putArray("bindMounts");
        i.bindMounts().forEach(b -> binds.add(bind(b)));
        ObjectNode size = n.putObject("dataSize");
        size.put("bytes", i.dataSize().bytes());
        size.put("completeness", word(i.dataSize().completeness()));
        ArrayNode warnings = n.putArray("warnings");
        i.warnings().forEach(w -> warnings.add(warning(w)));
        return n;
    }

    private static ObjectNode service(ServiceInfo s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", s.name());
        n.put("image", s.image());
        n.put("tag", s.tag().orElse(null));
        n.put("state", s.state().word());
        n.put("health", s.health().word());
        if (s.exitCode().isPresent()) {
            n.put("exitCode", s.exitCode().get());
        } else {
            n.putNull("exitCode");
        }
        ArrayNode ports = n.putArray("ports");
        for (PublishedPort p : s.ports()) {
            ObjectNode pn = ports.addObject();
            pn.put("hostIp", p.hostIp());
            pn.put("hostPort", p.hostPort());
            pn.put("containerPort", p.containerPort());
            pn.put("protocol", p.protocol());
            pn.put("allInterfaces", p.onAllInterfaces());
        }
        ArrayNode containers = n.putArray("containers");
        s.containers().forEach(containers::add);
        return n;
    }

    private static ObjectNode root(DataRoot r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", r.path().toString());
        n.put("display", r.display());
        n.put("placement", word(r.placement()));
        ArrayNode sources = n.putArray("sources");
        r.sources().forEach(s -> sources.add(s.toString()));
        bytes(n, r.bytes());
        n.put("measuredBy", r.measuredBy().word());
        return n;
    }

    private static ObjectNode volume(NamedVolume v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", v.name());
        n.put("composeName", v.composeName().orElse(null));
        n.put("ownership", word(v.ownership()));
        ArrayNode services = n.putArray("services");
        v.services().forEach(services::add);
        bytes(n, v.bytes());
        return n;
    }

    private static ObjectNode variable(DataVariable v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", v.name());
        n.put("value", v.value());
        n.put("path", v.path().toString());
        ArrayNode sources = n.putArray("sources");
        v.sources().forEach(s -> sources.add(s.toString()));
        return n;
    }

    private static ObjectNode bind(BindMount b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("source", b.source().toString());
        n.put("service", b.service());
        n.put("target", b.target());
        n.put("access", word(b.access()));
        n.put("kind", word(b.kind()));
        return n;
    }

    private static ObjectNode warning(InstallWarning w) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", w.kind().word());
        n.put("message", w.message());
        return n;
    }

    private static void bytes(ObjectNode n, OptionalLong bytes) {
        if (bytes.isPresent()) {
            n.put("bytes", bytes.getAsLong());
        } else {
            n.putNull("bytes");
        }
    }

    private static String path(Optional<Path> p) {
        return p.map(Path::toString).orElse(null);
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
