package dev.berth.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The user's settings, shared by the desktop app, the command line and the engine. Stored as
 * {@code settings.json} in {@link AppDirs#settingsFile()}; the format is documented in {@code
 * docs/settings.md}. A value: build a new one to change anything, check it with {@link
 * #problems()} and store it with {@link #write(Path)}.
 *
 * @param dockerHost where the Docker engine listens ({@code unix://}, {@code npipe://}, {@code
 *     tcp://} or {@code ssh://}); empty means automatic ({@code DOCKER_HOST}, then the local socket)
 * @param backupFolder where backups go; empty means {@link AppDirs#defaultBackupDir()}
 * @param backupsToKeep how many backups per app to keep ({@value #MIN_KEEP}..{@value #MAX_KEEP})
 * @param language the language of the desktop app
 * @param theme light, dark or follow the system
 * @param scanFolders absolute folders searched for compose projects besides the running ones
 * @param imageMirrors registry prefixes to pull from instead of the original
 * @param hosts servers managed over SSH besides this computer, in the order the user added them
 */
public record Settings(
        String dockerHost,
        String backupFolder,
        int backupsToKeep,
        Language language,
        Theme theme,
        List<Path> scanFolders,
        List<ImageMirror> imageMirrors,
        List<SshServer> hosts) {

    public static final int MIN_KEEP = 1;
    public static final int MAX_KEEP = 999;
    /** The version of the file format this Berth writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public static final Settings DEFAULTS =
            new Settings("", "", 5, Language.SYSTEM, Theme.SYSTEM, List.of(), List.of());

    /** Created on first use: the desktop app's start-up skips it when there is no settings file. */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    private static final Set<String> DOCKER_SCHEMES = Set.of("unix", "npipe", "tcp", "ssh");
    // host[:port][/path], as in image references: docker.io, registry.example.org:5000/hub
    private static final Pattern REGISTRY_PREFIX =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._/-]+)?");

    public Settings {
        Objects.requireNonNull(dockerHost, "dockerHost");
        Objects.requireNonNull(backupFolder, "backupFolder");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(theme, "theme");
        scanFolders = List.copyOf(scanFolders);
        imageMirrors = List.copyOf(imageMirrors);
        hosts = List.copyOf(hosts);
    }

    /** Settings without servers. */
    public Settings(
            String dockerHost,
            String backupFolder,
            int backupsToKeep,
            Language language,
            Theme theme,
            List<Path> scanFolders,
            List<ImageMirror> imageMirrors) {
        this(dockerHost, backupFolder, backupsToKeep, language, theme, scanFolders, imageMirrors, List.of());
    }

    /** These settings with other servers. */
    public Settings withHosts(List<SshServer> servers) {
        return new Settings(
                dockerHost, backupFolder, backupsToKeep, language, theme, scanFolders, imageMirrors, servers);
    }

    /** These settings with other scan folders (servers and everything else kept). */
    public Settings withScanFolders(List<Path> folders) {
        return new Settings(dockerHost, backupFolder, backupsToKeep, language, theme, folders, imageMirrors, hosts);
    }

    /**
     * A server Berth manages over SSH, as the user entered it. Passphrases and passwords are never
     * part of it: they are asked when a connection needs them.
     *
     * @param address {@code user@host[:port]} (checked by {@link SshAddress#parse})
     * @param identityFile the private key file; empty for the default keys and the SSH agent
     * @param jump {@code user@host[:port]} of a host to connect through (OpenSSH's {@code
     *     ProxyJump}); empty to connect directly
     */
    public record SshServer(String address, String identityFile, String jump) {
        public SshServer {
            address = Objects.requireNonNull(address, "address").strip();
            identityFile = Objects.requireNonNull(identityFile, "identityFile").strip();
            jump = Objects.requireNonNull(jump, "jump").strip();
        }

        /** A server reached directly with the default keys and the agent. */
        public SshServer(String address) {
            this(address, "", "");
        }

        /** The address as Berth shows and compares it: {@code user@host:port}. */
        public String key() {
            try {
                return SshAddress.parse(address, System.getProperty("user.name"))
                        .toString();
            } catch (IllegalArgumentException e) {
                return address;
            }
        }
    }

    /** Light, dark, or whatever the operating system currently uses. */
    public enum Theme {
        LIGHT("light"),
        DARK("dark"),
        SYSTEM("system");

        private final String key;

        Theme(String key) {
            this.key = key;
        }

        /** The value in {@code settings.json}. */
        public String key() {
            return key;
        }

        public static Optional<Theme> fromKey(String key) {
            for (Theme t : values()) {
                if (t.key.equals(key)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** The languages the desktop app is translated into; SYSTEM follows the operating system. */
    public enum Language {
        SYSTEM(""),
        ENGLISH("en"),
        CHINESE_SIMPLIFIED("zh-CN"),
        FRENCH("fr"),
        JAPANESE("ja");

        private final String tag;

        Language(String tag) {
            this.tag = tag;
        }

        /** The BCP 47 tag stored in {@code settings.json}; empty for SYSTEM. */
        public String tag() {
            return tag;
        }

        /** The locale to use; {@code system} when this is SYSTEM. */
        public Locale locale(Locale system) {
            return this == SYSTEM ? system : Locale.forLanguageTag(tag);
        }

        public static Optional<Language> fromTag(String tag) {
            for (Language l : values()) {
                if (l.tag.equalsIgnoreCase(tag)) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Pull images whose reference starts with {@code from} from {@code to} instead, e.g. {@code
     * docker.io=registry.example.org/hub}. Written {@code FROM=TO} in files and on the command line.
     */
    public record ImageMirror(String from, String to) {
        public ImageMirror {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** Parses {@code FROM=TO}; check the text with {@link #checkImageMirrors} first. */
        public static ImageMirror parse(String text) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not FROM=TO: " + text);
            }
            return new ImageMirror(
                    text.substring(0, eq).strip(), text.substring(eq + 1).strip());
        }

        @Override
        public String toString() {
            return from + "=" + to;
        }
    }

    /** The settings, one per key of {@code settings.json}. */
    public enum Field {
        DOCKER_HOST("dockerHost"),
        BACKUP_FOLDER("backupFolder"),
        BACKUPS_TO_KEEP("backupsToKeep"),
        LANGUAGE("language"),
        THEME("theme"),
        SCAN_FOLDERS("scanFolders"),
        IMAGE_MIRRORS("imageMirrors"),
        HOSTS("hosts");

        private final String key;

        Field(String key) {
            this.key = key;
        }

        /** The key in {@code settings.json}. */
        public String key() {
            return key;
        }
    }

    /** What can be wrong with a value; front ends translate these, {@link Problem#message()} is English. */
    public enum Kind {
        DOCKER_HOST_SCHEME,
        DOCKER_HOST_MALFORMED,
        FOLDER_NOT_ABSOLUTE,
        FOLDER_INVALID,
        FOLDER_DUPLICATE,
        KEEP_OUT_OF_RANGE,
        MIRROR_NOT_FROM_TO,
        MIRROR_BAD_REGISTRY,
        MIRROR_DUPLICATE,
        UNKNOWN_LANGUAGE,
        UNKNOWN_THEME,
        HOST_ADDRESS_INVALID,
        HOST_KEY_FILE_NOT_ABSOLUTE,
        HOST_JUMP_INVALID,
        HOST_DUPLICATE
    }

    /**
     * One invalid value.
     *
     * @param value the offending value as the user wrote it (one entry for lists)
     */
    public record Problem(Field field, Kind kind, String value) {
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        /** What is wrong and what to do, in English (for the command line and logs). */
        public String message() {
            return switch (kind) {
                case DOCKER_HOST_SCHEME ->
                    "Docker host '" + value + "' must start with unix://, npipe://, tcp:// or ssh:// (leave it"
                            + " empty to find Docker automatically)";
                case DOCKER_HOST_MALFORMED ->
                    "Docker host '" + value + "' is not a valid address; examples: unix:///var/run/docker.sock,"
                            + " tcp://192.168.1.5:2376, ssh://user@host";
                case FOLDER_NOT_ABSOLUTE -> "folder '" + value + "' must be an absolute path";
                case FOLDER_INVALID -> "folder '" + value + "' is not a valid path on this system";
                case FOLDER_DUPLICATE -> "folder '" + value + "' is listed twice; remove one";
                case KEEP_OUT_OF_RANGE ->
                    "backups to keep is " + value + "; use a number from " + MIN_KEEP + " to " + MAX_KEEP;
                case MIRROR_NOT_FROM_TO ->
                    "image mirror '" + value + "' must be written FROM=TO, e.g. docker.io=registry.example.org/hub";
                case MIRROR_BAD_REGISTRY ->
                    "image mirror '" + value + "' needs a registry host on both sides, without http:// and"
                            + " spaces, e.g. docker.io=registry.example.org:5000/hub";
                case MIRROR_DUPLICATE -> "image mirror for '" + value + "' is listed twice; keep one";
                case UNKNOWN_LANGUAGE ->
                    "language '" + value + "' is not one of en, zh-CN, fr, ja (or empty for the system language)";
                case UNKNOWN_THEME -> "theme '" + value + "' is not one of light, dark, system";
                case HOST_ADDRESS_INVALID ->
                    "server '" + value + "' is not an SSH address; write user@host or user@host:port (no password)";
                case HOST_KEY_FILE_NOT_ABSOLUTE ->
                    "key file '" + value + "' must be an absolute path, e.g. /home/me/.ssh/id_ed25519 (leave it"
                            + " empty for the default keys and the SSH agent)";
                case HOST_JUMP_INVALID ->
                    "jump host '" + value + "' is not an SSH address; write user@host or user@host:port";
                case HOST_DUPLICATE -> "server '" + value + "' is listed twice; keep one";
            };
        }
    }

    /** The folder backups go to, resolving the empty default. */
    public Path backupDir(AppDirs dirs) {
        return backupFolder.isEmpty() ? dirs.defaultBackupDir() : Path.of(backupFolder);
    }

    /** Every invalid value, in field order; empty when these settings can be saved. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>();
        all.addAll(checkDockerHost(dockerHost));
        all.addAll(checkBackupFolder(backupFolder));
        all.addAll(checkBackupsToKeep(backupsToKeep));
        all.addAll(checkScanFolders(scanFolders.stream().map(Path::toString).toList()));
        all.addAll(checkImageMirrors(
                imageMirrors.stream().map(ImageMirror::toString).toList()));
        all.addAll(checkHosts(hosts));
        return List.copyOf(all);
    }

    public static List<Problem> checkDockerHost(String text) {
        String v = text.strip();
        if (v.isEmpty()) {
            return List.of();
        }
        int sep = v.indexOf("://");
        if (sep <= 0 || !DOCKER_SCHEMES.contains(v.substring(0, sep).toLowerCase(Locale.ROOT))) {
            return List.of(new Problem(Field.DOCKER_HOST, Kind.DOCKER_HOST_SCHEME, text));
        }
        String scheme = v.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = v.substring(sep + 3);
        boolean ok = switch (scheme) {
            // unix:///var/run/docker.sock; npipe:////./pipe/docker_engine
            case "unix", "npipe" -> rest.startsWith("/") && rest.length() > 1 && !rest.contains(" ");
            default -> hasHost(v);
        };
        return ok ? List.of() : List.of(new Problem(Field.DOCKER_HOST, Kind.DOCKER_HOST_MALFORMED, text));
    }

    private static boolean hasHost(String uri) {
        try {
            URI u = new URI(uri);
            return u.getHost() != null
                    && (u.getPath() == null
                            || u.getPath().isEmpty()
                            || u.getPath().equals("/"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public static List<Problem> checkBackupFolder(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return checkFolder(Field.BACKUP_FOLDER, text).stream().toList();
    }

    public static List<Problem> checkBackupsToKeep(int n) {
        return n >= MIN_KEEP && n <= MAX_KEEP
                ? List.of()
                : List.of(new Problem(Field.BACKUPS_TO_KEEP, Kind.KEEP_OUT_OF_RANGE, Integer.toString(n)));
    }

    /** Checks folders as typed, one per entry; blank entries are the caller's to drop. */
    public static List<Problem> checkScanFolders(List<String> folders) {
        List<Problem> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String f : folders) {
            Optional<Problem> p = checkFolder(Field.SCAN_FOLDERS, f);
            if (p.isPresent()) {
                out.add(p.get());
            } else if (!seen.add(Path.of(f).normalize())) {
                out.add(new Problem(Field.SCAN_FOLDERS, Kind.FOLDER_DUPLICATE, f));
            }
        }
        return out;
    }

    private static Optional<Problem> checkFolder(Field field, String text) {
        Path p;
        try {
            p = Path.of(text);
        } catch (InvalidPathException e) {
            return Optional.of(new Problem(field, Kind.FOLDER_INVALID, text));
        }
        return p.isAbsolute() ? Optional.empty() : Optional.of(new Problem(field, Kind.FOLDER_NOT_ABSOLUTE, text));
    }

    /** Checks {@code FROM=TO} entries as typed. */
    public static List<Problem> checkImageMirrors(List<String> mirrors) {
        List<Problem> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String m : mirrors) {
            int eq = m.indexOf('=');
            if (eq < 0 || m.indexOf('=', eq + 1) >= 0) {
                out.add(new Problem(Field.IMAGE_MIRRORS, Kind.MIRROR_NOT_FROM_TO, m));
                continue;
            }
            String from = m.substring(0, eq).strip();
            String to = m.substring(eq + 1).strip();
            if (!REGISTRY_PREFIX.matcher(from).matches()
                    || !REGISTRY_PREFIX.matcher(to).matches()) {
                out.add(new Problem(Field.IMAGE_MIRRORS, Kind.MIRROR_BAD_REGISTRY, m));
            } else if (!seen.add(from)) {
                out.add(new Problem(Field.IMAGE_MIRRORS, Kind.MIRROR_DUPLICATE, from));
            }
        }
        return out;
    }

    /**
     * Checks servers as entered: the address and the jump host must be SSH addresses without a
     * password ({@link SshAddress#parse}, as for {@code --host}), the key file an absolute path, and
     * each server listed once.
     */
    public static List<Problem> checkHosts(List<SshServer> servers) {
        List<Problem> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SshServer h : servers) {
            out.addAll(checkHost(h));
            if (!seen.add(h.key())) {
                out.add(new Problem(Field.HOSTS, Kind.HOST_DUPLICATE, h.key()));
            }
        }
        return out;
    }

    /** Checks one server as entered (not whether it is listed twice). */
    public static List<Problem> checkHost(SshServer h) {
        List<Problem> out = new ArrayList<>();
        if (!isSshAddress(h.address())) {
            out.add(new Problem(Field.HOSTS, Kind.HOST_ADDRESS_INVALID, SshAddress.shown(h.address())));
        }
        if (!h.identityFile().isEmpty()) {
            checkFolder(Field.HOSTS, h.identityFile())
                    .map(p -> new Problem(Field.HOSTS, Kind.HOST_KEY_FILE_NOT_ABSOLUTE, h.identityFile()))
                    .ifPresent(out::add);
        }
        if (!h.jump().isEmpty() && !isSshAddress(h.jump())) {
            out.add(new Problem(Field.HOSTS, Kind.HOST_JUMP_INVALID, SshAddress.shown(h.jump())));
        }
        return out;
    }

    private static boolean isSshAddress(String text) {
        try {
            SshAddress.parse(text, "user");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads the settings file. A missing file gives {@link #DEFAULTS}; keys missing from the file
     * take their default value.
     *
     * @throws ConfigException when the file cannot be read, is not valid JSON, has an unknown key
     *     or a value of the wrong type or out of range; the message names the file, the line and
     *     every problem. The file is left as it is.
     */
    public static Settings read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return DEFAULTS;
        } catch (IOException e) {
            throw new ConfigException(
                    file.toString(), "cannot be read (" + e + "); check that it is a file your user may read", e);
        }
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            return parse(file, p);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(
                    file.toString(),
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read (" + e + ")", e);
        }
    }

    private static Settings parse(Path file, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw wrong(file, p, "the file must hold one JSON object: { \"theme\": \"dark\", ... }");
        }
        String dockerHost = DEFAULTS.dockerHost;
        String backupFolder = DEFAULTS.backupFolder;
        int keep = DEFAULTS.backupsToKeep;
        Language language = DEFAULTS.language;
        Theme theme = DEFAULTS.theme;
        List<String> scan = List.of();
        List<String> mirrors = List.of();
        List<SshServer> hosts = List.of();
        List<String> problems = new ArrayList<>();
        int firstProblemLine = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            int line = p.currentTokenLocation().getLineNr();
            switch (key) {
                case "version" -> {
                    int v = intValue(file, p, key);
                    if (v > FORMAT_VERSION) {
                        throw new ConfigException(
                                file.toString(),
                                line,
                                "was written by a newer Berth (format " + v + ", this Berth reads format "
                                        + FORMAT_VERSION + "); update Berth, or move the file away to start"
                                        + " with default settings");
                    }
                }
                case "dockerHost" -> dockerHost = text(file, p, key);
                case "backupFolder" -> backupFolder = text(file, p, key);
                case "backupsToKeep" -> keep = intValue(file, p, key);
                case "language" -> {
                    String tag = text(file, p, key);
                    Optional<Language> l = Language.fromTag(tag);
                    if (l.isPresent()) {
                        language = l.get();
                    } else {
                        problems.add("line " + line + ": "
                                + new Problem(Field.LANGUAGE, Kind.UNKNOWN_LANGUAGE, tag).message());
                    }
                }
                case "theme" -> {
                    String key2 = text(file, p, key);
                    Optional<Theme> th = Theme.fromKey(key2);
                    if (th.isPresent()) {
                        theme = th.get();
                    } else {
                        problems.add(
                                "line " + line + ": " + new Problem(Field.THEME, Kind.UNKNOWN_THEME, key2).message());
                    }
                }
                case "scanFolders" -> scan = strings(file, p, key, t);
                case "imageMirrors" -> mirrors = strings(file, p, key, t);
                case "hosts" -> hosts = servers(file, p, t);
                default ->
                    throw new ConfigException(
                            file.toString(),
                            line,
                            "unknown key \"" + key + "\"; the keys are version, dockerHost, backupFolder,"
                                    + " backupsToKeep, language, theme, scanFolders, imageMirrors, hosts (see"
                                    + " docs/settings.md)");
            }
            List<Problem> found = switch (key) {
                case "dockerHost" -> checkDockerHost(dockerHost);
                case "backupFolder" -> checkBackupFolder(backupFolder);
                case "backupsToKeep" -> checkBackupsToKeep(keep);
                case "scanFolders" -> checkScanFolders(scan);
                case "imageMirrors" -> checkImageMirrors(mirrors);
                case "hosts" -> checkHosts(hosts);
                default -> List.of();
            };
            for (Problem pr : found) {
                problems.add("line " + line + ": " + pr.message());
            }
            if (!problems.isEmpty() && firstProblemLine == 0) {
                firstProblemLine = line;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw wrong(file, p, "expected a key or the closing }");
        }
        if (p.nextToken() != null) {
            throw wrong(file, p, "unexpected content after the closing }");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(
                    file.toString(), firstProblemLine, "invalid values: " + String.join("; ", problems));
        }
        return new Settings(
                dockerHost,
                backupFolder,
                keep,
                language,
                theme,
                scan.stream().map(Path::of).toList(),
                mirrors.stream().map(ImageMirror::parse).toList(),
                hosts);
    }

    /** {@code [{"address": "...", "identityFile": "...", "jump": "..."}, ...]}; only address is required. */
    private static List<SshServer> servers(Path file, JsonParser p, JsonToken t) throws IOException {
        String shape = "\"hosts\" must be a list of objects: [{\"address\": \"user@host:port\", \"identityFile\":"
                + " \"\", \"jump\": \"\"}]";
        if (t != JsonToken.START_ARRAY) {
            throw wrong(file, p, shape);
        }
        List<SshServer> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw wrong(file, p, shape);
            }
            String address = null;
            String identity = "";
            String jump = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                switch (k) {
                    case "address" -> address = text(file, p, k);
                    case "identityFile" -> identity = text(file, p, k);
                    case "jump" -> jump = text(file, p, k);
                    default ->
                        throw wrong(
                                file,
                                p,
                                "unknown key \"" + k + "\" in a host; the keys are address, identityFile, jump");
                }
            }
            if (address == null) {
                throw wrong(file, p, "a host needs an \"address\": \"user@host:port\"");
            }
            out.add(new SshServer(address, identity, jump));
        }
        return out;
    }

    private static String text(Path file, JsonParser p, String key) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrong(file, p, "\"" + key + "\" must be a string in quotes");
        }
        return p.getText();
    }

    private static int intValue(Path file, JsonParser p, String key) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw wrong(file, p, "\"" + key + "\" must be a whole number");
        }
        return p.getIntValue();
    }

    private static List<String> strings(Path file, JsonParser p, String key, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw wrong(file, p, "\"" + key + "\" must be a list of strings: [\"...\", \"...\"]");
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw wrong(file, p, "\"" + key + "\" must be a list of strings: [\"...\", \"...\"]");
            }
            out.add(p.getText());
        }
        return out;
    }

    private static ConfigException wrong(Path file, JsonParser p, String message) {
        JsonLocation at = p.currentTokenLocation();
        return new ConfigException(file.toString(), at.getLineNr(), at.getColumnNr(), message, null);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Stores these settings in {@code file} atomically, readable by the user only. When the file
     * there cannot be read as settings, it is first renamed to {@code <name>.broken-<UTC time>} so
     * nothing the user wrote is lost.
     *
     * @return the renamed broken file, if there was one
     * @throws ConfigException when these settings have {@link #problems()}; nothing is written
     * @throws IOException when the file cannot be written; the old file is then unchanged
     */
    public Optional<Path> write(Path file) throws IOException {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(
                    file.toString(),
                    "not saved, the settings are invalid: "
                            + String.join(
                                    "; ",
                                    problems.stream().map(Problem::message).toList()),
                    null);
        }
        Optional<Path> aside = Optional.empty();
        if (Files.exists(file)) {
            try {
                read(file);
            } catch (ConfigException broken) {
                aside = Optional.of(moveAside(file));
            }
        }
        AtomicFiles.writePrivate(file, toJson());
        return aside;
    }

    private static Path moveAside(Path file) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path target = file.resolveSibling(file.getFileName() + ".broken-" + stamp);
        for (int i = 2; Files.exists(target); i++) {
            target = file.resolveSibling(file.getFileName() + ".broken-" + stamp + "-" + i);
        }
        return Files.move(file, target);
    }

    /** The file content: pretty-printed JSON, keys in documented order, LF line ends. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""))
                .withObjectIndenter(indent)
                .withArrayIndenter(indent);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeNumberField("version", FORMAT_VERSION);
            g.writeStringField("dockerHost", dockerHost);
            g.writeStringField("backupFolder", backupFolder);
            g.writeNumberField("backupsToKeep", backupsToKeep);
            g.writeStringField("language", language.tag());
            g.writeStringField("theme", theme.key());
            g.writeArrayFieldStart("scanFolders");
            for (Path f : scanFolders) {
                g.writeString(f.toString());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("imageMirrors");
            for (ImageMirror m : imageMirrors) {
                g.writeString(m.toString());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("hosts");
            for (SshServer h : hosts) {
                g.writeStartObject();
                g.writeStringField("address", h.address());
                g.writeStringField("identityFile", h.identityFile());
                g.writeStringField("jump", h.jump());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
