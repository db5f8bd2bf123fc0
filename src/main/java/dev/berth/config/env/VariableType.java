package dev.berth.config.env;

/** The kind of value an environment variable holds, for validation and for the GUI's inputs. */
public enum VariableType {
    STRING,
    INT,
    BOOL,
    URL,
    PORT,
    ENUM,
    PATH
}
