package net.ledgernet.velocity;

import com.google.inject.AbstractModule;
import net.ledgernet.platform.Platform;

/** Velocity's bindings for the core, installed in a child of the proxy's injector. */
final class VelocityPlatformModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(Platform.class).to(VelocityPlatform.class);
    }
}
