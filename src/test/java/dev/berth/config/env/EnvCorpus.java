package dev.berth.config.env;

import dev.berth.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The env files of the shared corpus: every file Compose or a template reads as KEY=value text. */
final class EnvCorpus {
    private static final Pattern ENV_NAME = Pattern.compile(
            "\\.env|.+\\.env|\\.env\\..+|env\\.(example|template|sample)|example\\.env|.+\\.env\\.(example|template|sample)"
                    + "|env[_-]template\\.ya?ml|env\\.template");

    private EnvCorpus() {}

    static boolean isEnvFile(Path p) {
        return ENV_NAME.matcher(p.getFileName().toString()).matches();
    }

    static List<Path> files() {
        return Corpus.files((p, a) -> isEnvFile(p));
    }

    static String relative(Path p) {
        return Corpus.root().relativize(p).toString();
    }
}
