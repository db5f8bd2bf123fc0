package dev.berth.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.berth.docker.PublishedPort;
import dev.berth.docker.scan.BindMount;
import dev.berth.docker.scan.DataRoot;
import dev.berth.docker.scan.DataVariable;
import dev.berth.docker.scan.Install;
import dev.berth.docker.scan.InstallVolume;
import dev.berth.docker.scan.InstallWarning;
import dev.berth.docker.scan.ServiceInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code berth scan --json}: an array of installs with absolute paths, full volume names and
 * sizes in bytes ({@code null} when not measured). Field names are part of the CLI contract.
 * Written with jackson-core's generator: a cold {@code scan} should not pay for jackson-databind.
 */
final class ScanJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ScanJson() {}

    static String write(List<Install> installs) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Install i : installs) {
                install(g, i);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out + System.lineSeparator();
    }

    private static void install(JsonGenerator g, Install i) throws IOException {
        g.writeStartObject();
        g.writeStringField("project", i.project());
        g.writeStringField("origin", word(i.origin()));
        g.writeStringField("workingDir", path(i.workingDir()));
        g.writeStringField("workingDirState", word(i.workingDirState()));
        g.writeArrayFieldStart("configFiles");
        for (Path f : i.configFiles()) {
            g.writeString(f.toString());
        }
        g.writeEndArray();
        g.writeStringField("envFile", path(i.envFile()));
        g.writeStringField("state", word(i.state()));
        g.writeStringField("composeVersion", i.composeVersion().orElse(null));
        g.writeObjectFieldStart("version");
        g.writeStringField("value", i.version().version().orElse(null));
        g.writeStringField("source", word(i.version().source()));
        g.writeStringField("detail", i.version().detail());
        g.writeEndObject();
        g.writeArrayFieldStart("services");
        for (ServiceInfo s : i.services()) {
            service(g, s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("dataRoots");
        for (DataRoot r : i.dataRoots()) {
            g.writeStartObject();
            g.writeStringField("path", r.path().toString());
            g.writeStringField("display", r.display());
            g.writeStringField("placement", word(r.placement()));
            strings(g, "sources", r.sources().stream().map(Path::toString).toList());
            bytes(g, r.bytes());
            g.writeStringField("measuredBy", r.measuredBy().word());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("volumes");
        for (InstallVolume v : i.volumes()) {
            g.writeStartObject();
            g.writeStringField("name", v.name());
            g.writeStringField("composeName", v.composeName().orElse(null));
            g.writeStringField("ownership", word(v.ownership()));
            strings(g, "services", v.services());
            bytes(g, v.bytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("dataVariables");
        for (DataVariable v : i.dataVariables()) {
            g.writeStartObject();
            g.writeStringField("name", v.name());
            g.writeStringField("value", v.value());
            g.writeStringField("path", v.path().toString());
            strings(g, "sources", v.sources().stream().map(Path::toString).toList());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("bindMounts");
        for (BindMount b : i.bindMounts()) {
            g.writeStartObject();
            g.writeStringField("source", b.source().toString());
            g.writeStringField("service", b.service());
            g.writeStringField("target", b.target());
            g.writeStringField("access", word(b.access()));
            g.writeStringField("kind", word(b.kind()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("dataSize");
        g.writeNumberField("bytes", i.dataSize().bytes());
        g.writeStringField("completeness", word(i.dataSize().completeness()));
        g.writeEndObject();
        g.writeArrayFieldStart("warnings");
        for (InstallWarning w : i.warnings()) {
            g.writeStartObject();
            g.writeStringField("kind", w.kind().word());
            g.writeStringField("message", w.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void service(JsonGenerator g, ServiceInfo s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("image", s.image());
        g.writeStringField("tag", s.tag().orElse(null));
        g.writeStringField("state", s.state().word());
        g.writeStringField("health", s.health().word());
        if (s.exitCode().isPresent()) {
            g.writeNumberField("exitCode", s.exitCode().get());
        } else {
            g.writeNullField("exitCode");
        }
        g.writeArrayFieldStart("ports");
        for (PublishedPort p : s.ports()) {
            g.writeStartObject();
            g.writeStringField("hostIp", p.hostIp());
            g.writeNumberField("hostPort", p.hostPort());
            g.writeNumberField("containerPort", p.containerPort());
            g.writeStringField("protocol", p.protocol());
            g.writeBooleanField("allInterfaces", p.onAllInterfaces());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "containers", s.containers());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void bytes(JsonGenerator g, OptionalLong bytes) throws IOException {
        if (bytes.isPresent()) {
            g.writeNumberField("bytes", bytes.getAsLong());
        } else {
            g.writeNullField("bytes");
        }
    }

    private static String path(Optional<Path> p) {
        return p.map(Path::toString).orElse(null);
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
