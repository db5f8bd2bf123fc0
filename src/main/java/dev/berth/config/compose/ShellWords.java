package dev.berth.config.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code command:} or {@code entrypoint:} string into words the way compose does
 * (go-shellwords): blanks separate words, single quotes are literal, double quotes and backslash
 * escape. No expansion happens.
 */
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                if (quote == '"' && next != '"' && next != '\\' && next != '$' && next != '`') {
                    word.append('\\');
                }
                if (next != '\n') {
                    word.append(next);
                }
                inWord = true;
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
