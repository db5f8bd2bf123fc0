package dev.berth.release;

import dev.berth.config.env.VariableSpec;
import dev.berth.config.env.VariableType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a {@link Manifest} as {@code berth.yaml} text that {@link ManifestParser} reads back to an
 * equal manifest (apart from {@link Manifest#origin()}). Fields at their default are left out. Used
 * to ship manifests Berth writes for known apps and to show the effective manifest.
 */
public final class ManifestWriter {
    private ManifestWriter() {}

    /** The manifest as YAML text, ending with a newline. */
    public static String write(Manifest m) {
        Map<String, Object> top = new LinkedHashMap<>();
        m.app().ifPresent(a -> top.put("app", a));
        m.version().ifPresent(v -> top.put("version", v.raw()));
        if (!m.upgrade().stops().isEmpty()) {
            top.put(
                    "upgrade",
                    map(
                            "stops",
                            m.upgrade().stops().stream().map(VersionRange::text).toList()));
        }
        m.configVersion()
                .ifPresent(c -> top.put("config_version", map("file", c.file(), "key", c.key(), "value", c.value())));
        if (!m.env().isEmpty()) {
            Map<String, Object> env = new LinkedHashMap<>();
            m.env().forEach(v -> env.put(v.name(), variable(v)));
            top.put("env", env);
        }
        if (!m.templates().isEmpty()) {
            top.put(
                    "templates",
                    m.templates().stream().map(ManifestWriter::template).toList());
        }
        if (!m.configFiles().isEmpty()) {
            top.put("config_files", m.configFiles());
        }
        if (!m.compose().equals(ComposeSpec.INFERRED)) {
            Map<String, Object> c = new LinkedHashMap<>();
            putList(c, "files", m.compose().files());
            putList(c, "profiles", m.compose().profiles());
            putList(c, "env_files", m.compose().envFiles());
            top.put("compose", c);
        }
        if (!m.migrations().isEmpty()) {
            top.put(
                    "migrations",
                    m.migrations().stream().map(ManifestWriter::migration).toList());
        }
        if (m.rollbackSafe()) {
            top.put("rollback_safe", true);
        }
        StopPolicy stop = m.stop();
        if (!stop.order().isEmpty() || !stop.grace().isEmpty() || !stop.drain().isEmpty()) {
            Map<String, Object> s = new LinkedHashMap<>();
            putList(s, "order", stop.order());
            if (!stop.grace().isEmpty()) {
                Map<String, Object> g = new LinkedHashMap<>();
                stop.grace().forEach((k, v) -> g.put(k, duration(v)));
                s.put("grace", g);
            }
            if (!stop.drain().isEmpty()) {
                Map<String, Object> d = new LinkedHashMap<>();
                stop.drain().forEach((k, v) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("command", v.command());
                    v.timeout().ifPresent(t -> e.put("timeout", duration(t)));
                    d.put(k, e);
                });
                s.put("drain", d);
            }
            top.put("stop", s);
        }
        if (!m.start().isEmpty()) {
            top.put("start", m.start());
        }
        if (!m.health().isEmpty()) {
            top.put("health", m.health().stream().map(ManifestWriter::health).toList());
        }
        if (!m.backup().exclude().isEmpty() || !m.backup().databases().isEmpty()) {
            Map<String, Object> b = new LinkedHashMap<>();
            putList(b, "exclude", m.backup().exclude());
            if (!m.backup().databases().isEmpty()) {
                List<Object> dbs = new ArrayList<>();
                for (BackupSpec.Database d : m.backup().databases()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("service", d.service());
                    e.put("type", d.type().id());
                    d.userEnv().ifPresent(x -> e.put("user_env", x));
                    d.databaseEnv().ifPresent(x -> e.put("database_env", x));
                    d.passwordEnv().ifPresent(x -> e.put("password_env", x));
                    dbs.add(e);
                }
                b.put("databases", dbs);
            }
            top.put("backup", b);
        }
        m.versionFrom().ifPresent(p -> {
            Map<String, Object> v = new LinkedHashMap<>();
            switch (p) {
                case VersionProbe.Http h -> v.put("http", h.url());
                case VersionProbe.Exec e -> v.put("exec", map("service", e.service(), "command", e.command()));
            }
            if (!p.regex().equals(VersionProbe.DEFAULT_REGEX)) {
                v.put("regex", p.regex());
            }
            top.put("version_from", v);
        });
        m.releaseNotes().ifPresent(r -> top.put("release_notes", r));
        if (top.isEmpty()) {
            return "{}\n";
        }
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(120)
                .build();
        return new Dump(settings).dumpToString(top);
    }

    private static Map<String, Object> variable(VariableSpec v) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (!v.description().isEmpty()) {
            e.put("description", v.description());
        }
        boolean inferredEnum = v.type() == VariableType.ENUM && !v.choices().isEmpty();
        if (v.type() != VariableType.STRING && !inferredEnum) {
            e.put("type", v.type().name().toLowerCase(Locale.ROOT));
        }
        if (v.secret()) {
            e.put("secret", true);
        }
        if (v.required()) {
            e.put("required", true);
        }
        v.example().ifPresent(x -> e.put("example", x));
        v.generate().ifPresent(g -> e.put("generate", g));
        if (!v.renamedFrom().isEmpty()) {
            e.put("renamed_from", v.renamedFrom());
        }
        v.deprecated().ifPresent(d -> e.put("deprecated", d.isEmpty() ? (Object) true : d));
        if (!v.choices().isEmpty()) {
            e.put("choices", v.choices());
        }
        return e;
    }

    private static Map<String, Object> template(TemplateSpec t) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("template", t.template());
        e.put("file", t.file());
        if (t.format() != TemplateFormat.ofFileName(t.file())) {
            e.put("format", t.format().name().toLowerCase(Locale.ROOT));
        }
        if (!t.movedFrom().isEmpty()) {
            List<Object> moved = new ArrayList<>();
            for (TemplateSpec.Location l : t.movedFrom()) {
                if (l.template().isEmpty() && l.file().isPresent()) {
                    moved.add(l.file().get());
                } else {
                    Map<String, Object> x = new LinkedHashMap<>();
                    l.template().ifPresent(p -> x.put("template", p));
                    l.file().ifPresent(p -> x.put("file", p));
                    moved.add(x);
                }
            }
            e.put("moved_from", moved);
        }
        return e;
    }

    private static Map<String, Object> migration(Migration m) {
        Map<String, Object> e = new LinkedHashMap<>();
        switch (m) {
            case Migration.Run r -> {
                if (r.command().isEmpty() && r.streams().equals(Migration.Streams.NONE)) {
                    e.put("run", r.service());
                } else {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("service", r.service());
                    if (!r.command().isEmpty()) {
                        x.put("command", r.command());
                    }
                    streams(x, r.streams());
                    e.put("run", x);
                }
            }
            case Migration.Exec x -> {
                Map<String, Object> c = map("service", x.service(), "command", x.command());
                streams(c, x.streams());
                e.put("exec", c);
            }
            case Migration.SetAside a -> e.put("set_aside", map("service", a.service(), "path", a.path()));
            case Migration.Sql s -> {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("service", s.service());
                q.put("file", s.file());
                s.database().ifPresent(d -> q.put("type", d.id()));
                s.userEnv().ifPresent(u -> q.put("user_env", u));
                s.databaseEnv().ifPresent(u -> q.put("database_env", u));
                e.put("sql", q);
            }
        }
        MigrationOptions o = m.options();
        if (o.phase() == MigrationPhase.AFTER_START) {
            e.put("phase", "after_start");
        }
        if (o.safeForRollback()) {
            e.put("safe_for_rollback", true);
        }
        o.from().ifPresent(r -> e.put("from", r.text()));
        o.timeout().ifPresent(t -> e.put("timeout", duration(t)));
        o.description().ifPresent(d -> e.put("description", d));
        if (!o.needs().isEmpty()) {
            e.put("needs", o.needs());
        }
        return e;
    }

    private static void streams(Map<String, Object> m, Migration.Streams s) {
        s.stdinFrom().ifPresent(i -> m.put("stdin_from", i));
        s.stdoutTo().ifPresent(o -> m.put("stdout_to", o));
    }

    private static Map<String, Object> health(HealthCheck h) {
        Map<String, Object> e = new LinkedHashMap<>();
        switch (h) {
            case HealthCheck.ServiceHealthy s -> e.put("service", s.service());
            case HealthCheck.Http x -> {
                e.put("http", x.url());
                if (x.expect() != 200) {
                    e.put("expect", x.expect());
                }
            }
            case HealthCheck.Log l -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("service", l.service());
                x.put("pattern", l.pattern());
                l.failPattern().ifPresent(p -> x.put("fail_pattern", p));
                e.put("log", x);
            }
            case HealthCheck.Exec x -> e.put("exec", map("service", x.service(), "command", x.command()));
        }
        if (!h.timeout().equals(HealthCheck.DEFAULT_TIMEOUT)) {
            e.put("timeout", duration(h.timeout()));
        }
        return e;
    }

    /** {@code 90s} → {@code 1m30s}; milliseconds only when there are some. */
    static String duration(Duration d) {
        StringBuilder sb = new StringBuilder();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        long millis = d.toMillisPart();
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        if (millis > 0 || sb.isEmpty()) {
            sb.append(millis).append("ms");
        }
        return sb.toString();
    }

    private static void putList(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, values);
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
