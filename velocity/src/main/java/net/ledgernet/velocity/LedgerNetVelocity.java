package net.ledgernet.velocity;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.velocitypowered.api.event.Subscribe;
import com.velocitypowered.api.event.proxy.ProxyInitializeEvent;
import com.velocitypowered.api.event.proxy.ProxyShutdownEvent;
import com.velocitypowered.api.proxy.ProxyServer;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import com.velocitypowered.api.proxy.messages.MinecraftChannelIdentifier;
import com.velocitypowered.api.command.CommandMeta;
import com.velocitypowered.api.proxy.Player;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.LedgerNetModule;
import net.ledgernet.command.LgnCommand;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.CommandSettings;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.web.ConsoleAccess;
import net.ledgernet.web.WebConsoleHost;

/**
 * Velocity entry point (named in velocity-plugin.json). It only wires the Velocity adapters into
 * the common core and drives its lifecycle; the proxy's own Guice injector creates it.
 */
public final class LedgerNetVelocity {
    static final ChannelIdentifier[] CHANNELS = Arrays.stream(LedgerChannel.values())
            .map(channel -> MinecraftChannelIdentifier.create(LedgerChannel.NAMESPACE, channel.path()))
            .toArray(ChannelIdentifier[]::new);

    private final ProxyServer proxy;
    private final Injector injector;
    private LedgerNetCore core;
    private NetworkQueries queries;
    private CommandMeta commandMeta;
    private VelocityLgnCommand command;
    private WebConsoleHost web;

    @Inject
    public LedgerNetVelocity(ProxyServer proxy, Injector proxyInjector) {
        this.proxy = proxy;
        // A child injector: the core gets ProxyServer, the plugin's Logger and data folder for free.
        this.injector = proxyInjector.createChildInjector(new LedgerNetModule(), new VelocityPlatformModule());
    }

    @Subscribe
    void onProxyInitialize(ProxyInitializeEvent event) {
        core = injector.getInstance(LedgerNetCore.class);
        // Intercept from the start, whatever config.yml says: a LedgerNet that is starting or disabled
        // refuses Ledger requests instead of letting them pass. Velocity fires PluginMessageEvent only
        // for registered channels, and announces them to clients, which client mods wait for.
        proxy.getChannelRegistrar().register(CHANNELS);
        proxy.getEventManager().register(this, new VelocityPluginMessageListener(core));
        core.load();
        core.enable();
        // Registered even when config.yml is broken (the reason is logged, requests are refused):
        // /lgn reload can then take the fixed file without a restart.
        registerCommand();
    }

    /** {@code /lgn} (name and aliases from config.yml); {@code plugin(this)} runs it off the network threads. */
    private void registerCommand() {
        queries = new NetworkQueries(core, Clock.systemUTC());
        CommandSettings settings = LgnCommand.settings(core);
        PluginLogger logger = injector.getInstance(PluginLogger.class);
        web = new WebConsoleHost(core, queries, new ConsoleAccess(core), logger, Clock.systemUTC(),
                settings.name());
        web.start(core);
        LgnCommand lgn = new LgnCommand(core, queries,
                name -> proxy.getPlayer(name).map(Player::getUniqueId),
                () -> proxy.getAllPlayers().stream().map(Player::getUsername).toList(),
                logger, LgnCommand.WORKING_NOTICE, web);
        commandMeta = proxy.getCommandManager().metaBuilder(settings.name())
                .aliases(settings.aliases().toArray(String[]::new)).plugin(this).build();
        command = new VelocityLgnCommand(lgn);
        proxy.getCommandManager().register(commandMeta, command);
    }

    @Subscribe
    void onProxyShutdown(ProxyShutdownEvent event) {
        if (commandMeta != null) {
            proxy.getCommandManager().unregister(commandMeta);
        }
        Optional.ofNullable(web).ifPresent(WebConsoleHost::close);
        Optional.ofNullable(queries).ifPresent(NetworkQueries::close);
        if (core != null) {
            core.disable();
        }
    }

    VelocityLgnCommand command() {
        return command;
    }

    LedgerNetCore core() {
        return core;
    }

    WebConsoleHost web() {
        return web;
    }
}
