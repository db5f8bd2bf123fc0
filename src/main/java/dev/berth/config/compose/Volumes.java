package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The short volume syntax ({@code source:target:options}) turned into compose's long form, as
 * compose-go's {@code format.ParseVolume} does.
 */
final class Volumes {
    private Volumes() {}

    static Map<String, Object> parse(String spec, String path) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (spec.isEmpty()) {
            throw new ConfigException(null, 0, path + ": invalid empty volume spec");
        }
        if (spec.length() <= 2) {
            v.put("type", "volume");
            v.put("target", spec);
            return v;
        }
        String source = "";
        String target = "";
        boolean readOnly = false;
        Map<String, Object> bind = new LinkedHashMap<>();
        boolean nocopy = false;
        StringBuilder buffer = new StringBuilder();
        int i = 0;
        int[] cps = spec.codePoints().toArray();
        for (int ci = 0; ci <= cps.length; ci++) {
            boolean end = ci == cps.length;
            int ch = end ? 0 : cps[ci];
            if (!end
                    && ch == ':'
                    && buffer.codePointCount(0, buffer.length()) == 1
                    && Character.isLetter(buffer.codePointAt(0))) {
                buffer.appendCodePoint(ch); // a Windows drive letter ("C:")
                continue;
            }
            if (!end && ch != ':') {
                buffer.appendCodePoint(ch);
                continue;
            }
            String part = buffer.toString();
            buffer.setLength(0);
            i++;
            if (part.isEmpty()) {
                throw new ConfigException(
                        null, 0, path + ": invalid volume spec \"" + spec + "\": empty section between colons");
            }
            if (source.isEmpty() && end) {
                target = part; // anonymous volume
            } else if (source.isEmpty()) {
                source = part;
            } else if (target.isEmpty()) {
                target = part;
            } else if (!end) {
                throw new ConfigException(null, 0, path + ": invalid volume spec \"" + spec + "\": too many colons");
            } else {
                for (String option : part.split(",")) {
                    switch (option) {
                        case "ro" -> readOnly = true;
                        case "rw" -> readOnly = false;
                        case "nocopy" -> nocopy = true;
                        case "rprivate", "private", "rshared", "shared", "rslave", "slave" ->
                            bind.put("propagation", option);
                        case "z", "Z" -> bind.put("selinux", option);
                        default -> {} // compose ignores options it does not know
                    }
                }
            }
        }
        boolean isBind = isFilePath(source);
        v.put("type", isBind ? "bind" : "volume");
        if (!source.isEmpty()) {
            v.put("source", source);
        }
        v.put("target", target);
        if (readOnly) {
            v.put("read_only", true);
        }
        if (isBind) {
            bind.put("create_host_path", true);
            v.put("bind", bind);
        } else {
            Map<String, Object> volume = new LinkedHashMap<>();
            if (nocopy) {
                volume.put("nocopy", true);
            }
            v.put("volume", volume);
        }
        return v;
    }

    static boolean isFilePath(String source) {
        if (source.isEmpty()) {
            return false;
        }
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~' || source.startsWith("\\\\")) {
            return true;
        }
        int first = source.codePointAt(0);
        int next = Character.charCount(first);
        return next < source.length() && source.charAt(next) == ':' && Character.isLetter(first);
    }
}
