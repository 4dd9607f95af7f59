package net.ledgernet;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;

/**
 * Wires the platform-independent core. A platform module binds {@link Platform}; on Velocity this
 * module is installed in a child of the proxy's injector.
 */
public final class LedgerNetModule extends AbstractModule {
    @Provides
    PluginLogger logger(Platform platform) {
        return platform.logger();
    }
}
