package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose config}: like {@code docker compose config}, prints the resolved model
 * (YAML, or JSON with {@code --json}). Values are printed as they are, secrets included, because
 * this is the user's own machine and the user asked for them; nothing is logged.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Print the resolved compose model: files merged, variables interpolated, include/extends"
                + " followed, env files merged into environment.")
public final class ComposeConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--project-directory",
            paramLabel = "DIR",
            description = "Project directory (default: the folder of the first file).")
    Path projectDirectory;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Compose file; repeat to merge several in order.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--env-file",
            paramLabel = "FILE",
            description = "Env file for interpolation (default: the project's .env); repeatable, later wins.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "P", description = "Activate a profile; repeatable; * activates all.")
    List<String> profiles = new ArrayList<>();

    @Option(
            names = "--process-env",
            description = "Also use this process's environment for interpolation (it wins over the env files).")
    boolean processEnv;

    @Option(names = "--json", description = "Print JSON instead of YAML.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectOptions options = new ProjectOptions(
                Optional.ofNullable(projectDirectory),
                files,
                envFiles,
                profiles,
                processEnv ? VariableSource.ENV_FILES_AND_PROCESS : VariableSource.ENV_FILES,
                processEnv ? System.getenv() : Map.of());
        ComposeProject project;
        try {
            project = new ComposeLoader().load(options);
        } catch (ConfigException e) {
            err.println("berth: " + e.getMessage());
            err.flush();
            return ExitCode.REFUSED;
        }
        for (String w : project.warnings()) {
            err.println("WARN " + w);
        }
        err.flush();
        out.print(json ? toJson(project.tree()) : toYaml(project.tree()));
        out.flush();
        return ExitCode.OK;
    }

    static String toJson(Map<String, Object> tree) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the resolved model cannot be written as JSON", e);
        }
    }

    static String toYaml(Map<String, Object> tree) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(Integer.MAX_VALUE)
                .build();
        return new Dump(settings).dumpToString(tree);
    }
}
