package dev.berth.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only JSON tree built with jackson-core's streaming parser, for the engine's answers and
 * the Docker CLI's config files. jackson-databind's tree costs about four times as much to load
 * on a cold start, which a command like {@code berth scan} pays on every run. Missing members
 * read as {@link #MISSING}, so paths chain like Jackson's {@code path()}.
 */
final class JsonTree implements Iterable<JsonTree> {
    private static final JsonFactory FACTORY = new JsonFactory();
    static final JsonTree MISSING = new JsonTree(null);
    private static final JsonTree NULL = new JsonTree(Null.VALUE);

    private enum Null {
        VALUE
    }

    /** A string, Long, Double, Boolean, Null, List of trees or Map of trees; null when missing. */
    private final Object value;

    private JsonTree(Object value) {
        this.value = value;
    }

    static JsonTree parse(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.nextToken();
            return read(p);
        }
    }

    static JsonTree parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            return read(p);
        }
    }

    static JsonTree parse(byte[] bytes) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            p.nextToken();
            return read(p);
        }
    }

    private static JsonTree read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return MISSING;
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, JsonTree> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                yield new JsonTree(Collections.unmodifiableMap(m));
            }
            case START_ARRAY -> {
                List<JsonTree> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                yield new JsonTree(Collections.unmodifiableList(l));
            }
            case VALUE_STRING -> new JsonTree(p.getText());
            case VALUE_NUMBER_INT -> new JsonTree(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> new JsonTree(p.getDoubleValue());
            case VALUE_TRUE -> new JsonTree(Boolean.TRUE);
            case VALUE_FALSE -> new JsonTree(Boolean.FALSE);
            case VALUE_NULL -> NULL;
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }

    /** A member of an object; {@link #MISSING} when absent or when this is not an object. */
    JsonTree path(String name) {
        if (value instanceof Map<?, ?> m) {
            Object v = m.get(name);
            return v == null ? MISSING : (JsonTree) v;
        }
        return MISSING;
    }

    /** An element of an array; {@link #MISSING} when out of range or not an array. */
    JsonTree get(int index) {
        if (value instanceof List<?> l && index >= 0 && index < l.size()) {
            return (JsonTree) l.get(index);
        }
        return MISSING;
    }

    boolean isMissing() {
        return value == null;
    }

    boolean isNull() {
        return value == Null.VALUE;
    }

    boolean isArray() {
        return value instanceof List;
    }

    boolean isObject() {
        return value instanceof Map;
    }

    boolean isTextual() {
        return value instanceof String;
    }

    /** Whether an object has a member that is neither missing nor null. */
    boolean hasNonNull(String name) {
        JsonTree t = path(name);
        return !t.isMissing() && !t.isNull();
    }

    int size() {
        if (value instanceof List<?> l) {
            return l.size();
        }
        return value instanceof Map<?, ?> m ? m.size() : 0;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Text of a scalar (numbers and booleans as written); {@code fallback} for missing, null or containers. */
    String asText(String fallback) {
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return fallback;
    }

    String asText() {
        return asText("");
    }

    long asLong(long fallback) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    int asInt() {
        return (int) asLong(0);
    }

    boolean asBoolean(boolean fallback) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return s.equalsIgnoreCase("true") || (!s.equalsIgnoreCase("false") && fallback);
        }
        return fallback;
    }

    /** The members of an object, in order; empty for anything else. */
    @SuppressWarnings("unchecked")
    Map<String, JsonTree> fields() {
        return value instanceof Map<?, ?> m ? (Map<String, JsonTree>) m : Map.of();
    }

    /** The elements of an array; nothing for anything else. */
    @Override
    @SuppressWarnings("unchecked")
    public Iterator<JsonTree> iterator() {
        return value instanceof List<?> l ? ((List<JsonTree>) l).iterator() : Collections.emptyIterator();
    }
}
