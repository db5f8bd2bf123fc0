package dev.berth.release;

import java.util.Locale;

/** The syntax of a configuration template, which decides how Berth merges it. */
public enum TemplateFormat {
    /** {@code KEY=value} lines. */
    ENV,
    YAML,
    JSON,
    /** Anything else: merged line by line. */
    TEXT;

    /** The format a file name suggests: {@code .env*}, {@code *.env}, {@code env.example} are env files. */
    public static TemplateFormat ofFileName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.startsWith(".env")
                || name.startsWith("env.")
                || name.endsWith(".env")
                || name.equals("env")
                || name.endsWith(".conf") && name.contains("env")) {
            return ENV;
        }
        return TEXT;
    }
}
