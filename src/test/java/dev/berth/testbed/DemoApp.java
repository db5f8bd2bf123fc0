package dev.berth.testbed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a fresh, isolated {@link DemoProject} of the demo app into a test method, constructor or
 * lifecycle method parameter; it is removed when the method's (or class's) scope ends:
 *
 * <pre>{@code
 * @Test
 * void upgradeKeepsRecords(@DemoApp(version = "1.0.0") DemoProject demo) {
 *     demo.up();
 *     demo.writeRecord("hello");
 *     ...
 * }
 * }</pre>
 *
 * The project is created but not started: call {@link DemoProject#up()}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DemoProjectExtension.class)
public @interface DemoApp {
    /** The release to copy from {@code demo/releases}: "1.0.0", "1.1.0" or "2.0.0". */
    String version() default "1.0.0";
}
