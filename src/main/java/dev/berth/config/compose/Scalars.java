package dev.berth.config.compose;

import java.math.BigInteger;

/** How compose (Go's {@code %v}) writes a scalar value of the YAML tree as text. */
final class Scalars {
    private Scalars() {}

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isInfinite()) {
                return d > 0 ? "+Inf" : "-Inf";
            }
            if (d.isNaN()) {
                return "NaN";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                return new java.math.BigDecimal(d).toBigInteger().toString();
            }
            return d.toString();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Boolean) {
            return v.toString();
        }
        return String.valueOf(v);
    }

    /** An integer value written as a YAML int or as a decimal string; null when it is neither. */
    static Long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A boolean written as YAML bool or as a string compose accepts (true/false, yes/no...). */
    static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "y", "on", "1" -> Boolean.TRUE;
                case "false", "no", "n", "off", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }
}
