package net.ledgernet.bungee;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.logging.Logger;
import net.kyori.adventure.audience.Audience;
import net.kyori.adventure.platform.bungeecord.BungeeAudiences;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.LedgerNetModule;
import net.ledgernet.command.LgnCommand;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.CommandSettings;
import net.ledgernet.platform.Platform;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.web.ConsoleAccess;
import net.ledgernet.web.WebConsoleHost;
import net.md_5.bungee.api.CommandSender;
import net.md_5.bungee.api.ProxyServer;
import net.md_5.bungee.api.connection.ProxiedPlayer;
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
    private final Platform platform;
    private final Function<Plugin, Function<CommandSender, Audience>> audienceFactory;
    private BungeePluginMessageListener listener;
    private BungeeAudiences audiences;
    private NetworkQueries queries;
    private BungeeLgnCommand command;
    private WebConsoleHost web;

    BungeeBootstrap(ProxyServer proxy, Plugin plugin, Path dataDirectory, Logger logger) {
        this(proxy, plugin, dataDirectory, logger, null);
    }

    /**
     * @param audienceFactory how command output reaches a sender; null for adventure-platform's
     *                        {@link BungeeAudiences} (tests record the components instead)
     */
    BungeeBootstrap(ProxyServer proxy, Plugin plugin, Path dataDirectory, Logger logger,
                    Function<Plugin, Function<CommandSender, Audience>> audienceFactory) {
        this.proxy = proxy;
        this.plugin = plugin;
        this.audienceFactory = audienceFactory;
        this.platform = new BungeePlatform(proxy, dataDirectory, logger);
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
        // Intercept from the start, whatever config.yml says: a LedgerNet that is starting or disabled
        // refuses Ledger requests instead of letting them pass. BungeeCord fires the event for every
        // channel; registering announces ledger:* to clients, which client mods wait for.
        for (LedgerChannel channel : LedgerChannel.values()) {
            proxy.registerChannel(channel.id());
        }
        listener = new BungeePluginMessageListener(core);
        proxy.getPluginManager().registerListener(plugin, listener);
        try {
            BungeePlayerLink.warmUp();
        } catch (RuntimeException | LinkageError e) {
            platform.logger().warn("Could not warm up chat messages (the first ones may be slower): " + e);
        }
        core.enable();
        // Registered even when config.yml is broken (the reason is logged, requests are refused):
        // /lgn reload can then take the fixed file without a restart.
        registerCommand();
    }

    /** {@code /lgn}, with Adventure components bridged to BungeeCord's chat by adventure-platform. */
    private void registerCommand() {
        Function<CommandSender, Audience> toAudience;
        if (audienceFactory == null) {
            audiences = BungeeAudiences.create(plugin);
            toAudience = audiences::sender;
        } else {
            toAudience = audienceFactory.apply(plugin);
        }
        queries = new NetworkQueries(core, Clock.systemUTC());
        CommandSettings settings = LgnCommand.settings(core);
        web = new WebConsoleHost(core, queries, new ConsoleAccess(core), platform.logger(), Clock.systemUTC(),
                settings.name());
        web.start(core);
        LgnCommand lgn = new LgnCommand(core, queries, name -> {
            ProxiedPlayer online = proxy.getPlayer(name);
            return java.util.Optional.ofNullable(online).map(ProxiedPlayer::getUniqueId);
        }, () -> proxy.getPlayers().stream().map(ProxiedPlayer::getName).toList(), platform.logger(),
                LgnCommand.WORKING_NOTICE, web);
        command = new BungeeLgnCommand(settings.name(), settings.aliases().toArray(String[]::new), lgn, toAudience);
        proxy.getPluginManager().registerCommand(plugin, command);
    }

    void disable() {
        if (command != null) {
            proxy.getPluginManager().unregisterCommand(command);
            command = null;
        }
        if (web != null) {
            web.close();
            web = null;
        }
        if (queries != null) {
            queries.close();
            queries = null;
        }
        if (audiences != null) {
            audiences.close();
            audiences = null;
        }
        if (listener != null) {
            proxy.getPluginManager().unregisterListener(listener);
            for (LedgerChannel channel : LedgerChannel.values()) {
                proxy.unregisterChannel(channel.id());
            }
            listener = null;
        }
        core.disable();
    }

    BungeeLgnCommand command() {
        return command;
    }

    LedgerNetCore core() {
        return core;
    }

    WebConsoleHost web() {
        return web;
    }
}
