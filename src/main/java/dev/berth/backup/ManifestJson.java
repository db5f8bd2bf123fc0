package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** JSON of manifests and headers: one mapper, ISO-8601 times, modes as octal strings. */
final class ManifestJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ManifestJson() {}

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("manifest records always serialise", e);
        }
    }

    static BackupManifest readManifest(byte[] json, String where) throws BackupException {
        try {
            BackupManifest m = MAPPER.readValue(json, BackupManifest.class);
            if (m.entries() == null || m.app() == null || m.created() == null) {
                throw new BackupException(
                        BackupException.Kind.CORRUPT,
                        BackupException.Reason.MANIFEST_INCOMPLETE,
                        List.of(where),
                        "The manifest in " + where + " is incomplete.",
                        null);
            }
            return m;
        } catch (BackupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.MANIFEST_INVALID,
                    List.of(where, String.valueOf(e.getMessage())),
                    "The manifest in " + where + " is not valid JSON of a Berth backup (" + e.getMessage() + ").",
                    e);
        }
    }

    static BackupHeader readHeader(byte[] json, String where) throws BackupException {
        try {
            return MAPPER.readValue(json, BackupHeader.class);
        } catch (IOException | RuntimeException e) {
            throw new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.HEADER_INVALID,
                    List.of(where, String.valueOf(e.getMessage())),
                    "The header of " + where + " is not valid JSON: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Reads only the header fields at the start of a manifest JSON (the sidecar can be many
     * megabytes; the entries come last and are never parsed here).
     */
    static BackupHeader readHeaderFields(InputStream in, String where) throws BackupException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BackupException(
                        BackupException.Kind.CORRUPT,
                        BackupException.Reason.NOT_A_JSON_OBJECT,
                        List.of(where),
                        where + " is not a JSON object.",
                        null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "mounts", "volumes", "databases", "deleted", "entries" -> {
                        return toHeader(fields, where);
                    }
                    default -> {
                        if (t.isScalarValue()) {
                            fields.put(name, t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
            return toHeader(fields, where);
        } catch (BackupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.NOT_VALID_JSON,
                    List.of(where, String.valueOf(e.getMessage())),
                    where + " is not valid JSON: " + e.getMessage(),
                    e);
        }
    }

    private static BackupHeader toHeader(Map<String, Object> f, String where) throws BackupException {
        Object created = f.get("created");
        Object fv = f.get("formatVersion");
        if (!(fv instanceof Integer) || created == null || f.get("app") == null) {
            throw new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.NO_HEADER_FIELDS,
                    List.of(where),
                    where + " lacks the backup's header fields.",
                    null);
        }
        return new BackupHeader(
                (String) f.get("format"),
                (Integer) fv,
                (String) f.get("app"),
                (String) f.get("version"),
                (String) f.get("project"),
                (String) f.get("install"),
                Instant.parse(created.toString()),
                (String) f.get("berthVersion"),
                (String) f.get("host"));
    }

    static final class OctalSerializer extends JsonSerializer<Integer> {
        @Override
        public void serialize(Integer value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(String.format("%04o", value));
        }
    }

    static final class OctalDeserializer extends JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = p.getValueAsString();
            if (s == null) {
                return p.getIntValue();
            }
            return Integer.parseInt(s, 8);
        }
    }
}
