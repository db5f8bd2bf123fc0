package dev.berth.config.compose;

import dev.berth.Corpus;
import dev.berth.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeCorpusSmokeTest {
    @Test
    void smoke() throws Exception {
        List<Path> files = Corpus.files((p, a) -> p.toString().matches(".*\\.ya?ml(\\.example)?$"));
        ComposeLoader loader = new ComposeLoader((f, l) -> Map.of());
        int ok = 0, bad = 0;
        for (Path f : files) {
            if (java.nio.file.Files.readAllLines(f).stream().noneMatch(x -> x.startsWith("services:"))) continue;
            try {
                var p = loader.load(ProjectOptions.ofFiles(List.of(f)).withEnvFiles(List.of()));
                ok++;
            } catch (ConfigException e) {
                bad++;
                System.out.println("ERR " + Corpus.root().relativize(f) + " :: " + e.getMessage());
            } catch (RuntimeException e) {
                bad++;
                System.out.println("CRASH " + f + " :: " + e);
                e.printStackTrace(System.out);
            }
        }
        System.out.println("ok=" + ok + " bad=" + bad);
    }
}
