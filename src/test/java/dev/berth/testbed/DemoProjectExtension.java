package dev.berth.testbed;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link DemoApp @DemoApp} {@link DemoProject} parameters. Each parameter gets its own
 * project, stored in the extension context so JUnit closes it (compose down -v, temp dir deleted)
 * when that context ends, whether the test passed or not. Fails, never skips, without the test bed.
 */
public final class DemoProjectExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DemoProjectExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(DemoApp.class)
                && parameter.getParameter().getType().equals(DemoProject.class);
    }

    @Override
    public DemoProject resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String version = parameter.findAnnotation(DemoApp.class).orElseThrow().version();
        if (!DockerTestBed.DEMO_VERSIONS.contains(version)) {
            throw new ParameterResolutionException("@DemoApp(version = \"" + version
                    + "\"): no such release; use one of " + DockerTestBed.DEMO_VERSIONS);
        }
        DemoProject project = DemoProject.create(version);
        // AutoCloseable values in the store are closed when the context ends (JUnit 5.13+).
        context.getStore(NAMESPACE).put(project.name(), project);
        return project;
    }
}
