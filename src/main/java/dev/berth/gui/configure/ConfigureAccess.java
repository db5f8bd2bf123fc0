package dev.berth.gui.configure;

import dev.berth.engine.Install;
import dev.berth.engine.UpgradePlanner;
import java.util.Map;

/**
 * Plans a change of an install's settings. The engine has no configure planner yet; {@code Main}
 * wires one in when it has (a {@code Plan.Kind.CONFIGURE} plan: the new {@code .env} staged in an
 * apply step, only the affected services recreated, verified, rolled back on failure). Blocking;
 * called on a worker thread, never on the FX thread.
 */
@FunctionalInterface
public interface ConfigureAccess {

    /** Not in this build: the screen says so and changes nothing. */
    ConfigureAccess NONE = (install, answers) -> {
        throw new NotAvailableException();
    };

    /**
     * Plans setting {@code answers} (KEY → new value) in the install's {@code .env}. A plan that
     * must be refused carries a failed check, as engine plans do.
     */
    UpgradePlanner.Result plan(Install install, Map<String, String> answers) throws Exception;

    /** Changing settings is not part of this build. */
    final class NotAvailableException extends Exception {
        public NotAvailableException() {
            super("Changing an install's settings is not part of this build of Berth yet; nothing was changed.");
        }
    }
}
