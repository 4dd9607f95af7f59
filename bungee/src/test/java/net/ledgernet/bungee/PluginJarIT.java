package net.ledgernet.bungee;

import net.ledgernet.platform.PluginJarContract;

/** The built BungeeCord jar: see {@link PluginJarContract}. */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super("BungeeCord/Waterfall", "plugins/LedgerNet", InstallNoticeMain::main);
    }
}
