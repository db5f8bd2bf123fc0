package dev.berth.config.env;

/**
 * The character rules of compose-go's dotenv parser ({@code dotenv/parser.go}), shared by the parser,
 * the writer's quoting and the merge.
 */
final class EnvSyntax {
    private EnvSyntax() {}

    /**
     * compose-go's {@code isSpace}: the white space that is trimmed around keys and values, which
     * excludes the line feed.
     */
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> false;
        };
    }

    /** Go's {@code unicode.IsSpace}, used to skip blank lines and to trim unquoted values on the right. */
    static boolean isUnicodeSpace(int c) {
        if (c <= 0xFF) {
            return c == '\n' || isSpace(c);
        }
        return c == 0x1680
                || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202F
                || c == 0x205F
                || c == 0x3000;
    }

    /**
     * compose-go's variable name characters: letters, numbers, {@code _ . [ ]} and, since Compose
     * passes {@code WithAllowDash}, {@code -}.
     */
    static boolean isKeyChar(int c) {
        if (c == '_' || c == '.' || c == '[' || c == ']' || c == '-') {
            return true;
        }
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Whether {@code key} is a name the parser accepts on an active line. */
    static boolean isValidKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); ) {
            int c = key.codePointAt(i);
            if (!isKeyChar(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    static String trimRightUnicode(String s) {
        int end = s.length();
        while (end > 0) {
            int c = s.codePointBefore(end);
            if (!isUnicodeSpace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return s.substring(0, end);
    }

    /** The words of a comment line: after leading space and every leading {@code #}, trimmed. */
    static String commentContent(String text) {
        int i = 0;
        while (i < text.length() && isUnicodeSpace(text.charAt(i))) {
            i++;
        }
        while (i < text.length() && text.charAt(i) == '#') {
            i++;
        }
        return text.substring(i).strip();
    }

    /**
     * compose-go's {@code expandEscapes} for double-quoted values: {@code \a \b \f \n \r \t \v \\ \"}
     * become their characters, {@code \0} followed by three octal digits the byte value (at most
     * 0377), and {@code \$} becomes {@code $$} (a literal dollar for the interpolation that follows).
     * Every other backslash, {@code \c} included, stays as written.
     */
    static String expandEscapes(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = s.charAt(i + 1);
            switch (n) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case '$' -> out.append("$$");
                case '0' -> {
                    int end = i + 2;
                    while (end < s.length() && end < i + 5 && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
                        end++;
                    }
                    String digits = s.substring(i + 2, end);
                    int value = octal(digits);
                    if (value < 0) {
                        out.append(s, i, end);
                    } else {
                        out.append((char) value);
                    }
                    i = end;
                    continue;
                }
                default -> {
                    // "\c" and anything else: kept, backslash included.
                    out.append(c).append(n);
                }
            }
            i += 2;
        }
        return out.toString();
    }

    private static int octal(String digits) {
        if (digits.length() != 3) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 3; k++) {
            int d = digits.charAt(k) - '0';
            if (d < 0 || d > 7) {
                return -1;
            }
            v = v * 8 + d;
        }
        return v > 255 ? -1 : v;
    }

    /**
     * The value an entry gives Compose, in a form where equal means equal whatever the environment:
     * literal text when there is no reference, else the template with its interpolation flag.
     */
    static String canonical(Quoting quoting, String value) {
        if (!quoting.interpolates()) {
            return "L:" + value;
        }
        if (!Interpolation.hasReferences(value)) {
            return "L:" + unescapeDollars(value);
        }
        return "T:" + value;
    }

    private static String unescapeDollars(String template) {
        StringBuilder out = new StringBuilder(template.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            out.append(c);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '$') {
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Writes {@code literal} as a raw value that Compose reads back as exactly {@code literal}, with
     * no interpolation: unquoted when that is safe, else single-quoted, else double-quoted with
     * escapes.
     */
    static String encode(String literal) {
        if (literal.isEmpty()) {
            return "";
        }
        if (isPlain(literal)) {
            return literal;
        }
        boolean singleOk = literal.indexOf('\'') < 0 && !literal.endsWith("\\");
        for (int i = 0; singleOk && i < literal.length(); i++) {
            if (Character.isISOControl(literal.charAt(i))
                    || Character.getType(literal.charAt(i)) == Character.LINE_SEPARATOR) {
                singleOk = false;
            }
        }
        if (singleOk) {
            return "'" + literal + "'";
        }
        StringBuilder out = new StringBuilder(literal.length() + 8).append('"');
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '$' -> out.append("$$");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append("\\0").append(String.format("%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean isPlain(String s) {
        if (s.charAt(0) == '#') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "_-./:@%+,=~^*!?&()[]{}<>|#;".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
