package net.ledgernet.velocity;

import net.ledgernet.platform.PluginJarContract;

/** The built Velocity jar: see {@link PluginJarContract}. */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super("Velocity", "plugins/ledgernet", InstallNoticeMain::main);
    }
}
