package net.ledgernet.bungee;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.logging.Logger;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.LedgerNetModule;
import net.ledgernet.platform.Platform;
import net.ledgernet.protocol.LedgerChannel;
import net.md_5.bungee.api.ProxyServer;
import net.md_5.bungee.api.plugin.Plugin;

/**
 * Wires the BungeeCord adapters into the common core and drives its lifecycle. Kept apart from
 * {@link LedgerNetBungee} because BungeeCord's Plugin class can only be created by its own class
 * loader, and this is what the tests drive.
 */
final class BungeeBootstrap {
    private final ProxyServer proxy;
    private final Plugin plugin;
    private final LedgerNetCore core;
    private BungeePluginMessageListener listener;

    BungeeBootstrap(ProxyServer proxy, Plugin plugin, Path dataDirectory, Logger logger) {
        this.proxy = proxy;
        this.plugin = plugin;
        Platform platform = new BungeePlatform(proxy, dataDirectory, logger);
        this.core = Guice.createInjector(new LedgerNetModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Platform.class).toInstance(platform);
            }
        }).getInstance(LedgerNetCore.class);
    }

    void load() {
        core.load();
    }

    void enable() {
        core.enable();
        if (core.state() != LedgerNetCore.State.ENABLED) {
            return; // the reason is logged; the proxy runs on without LedgerNet
        }
        // BungeeCord fires the event for every channel; registering announces ledger:* to clients,
        // which client mods wait for before they send anything.
        for (LedgerChannel channel : LedgerChannel.values()) {
            proxy.registerChannel(channel.id());
        }
        listener = new BungeePluginMessageListener(core);
        proxy.getPluginManager().registerListener(plugin, listener);
    }

    void disable() {
        if (listener != null) {
            proxy.getPluginManager().unregisterListener(listener);
            for (LedgerChannel channel : LedgerChannel.values()) {
                proxy.unregisterChannel(channel.id());
            }
            listener = null;
        }
        core.disable();
    }

    LedgerNetCore core() {
        return core;
    }
}
