package dev.berth.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates commands, giving those that take {@link Services} the wired instance. */
final class ServicesFactory implements CommandLine.IFactory {
    private final Services services;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ServicesFactory(Services services) {
        this.services = services;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Services.class) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(services));
            }
        }
        return fallback.create(cls);
    }
}
