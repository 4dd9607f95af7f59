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
    private boolean intercepting;
    private NetworkQueries queries;
    private CommandMeta commandMeta;
    private VelocityLgnCommand command;

    @Inject
    public LedgerNetVelocity(ProxyServer proxy, Injector proxyInjector) {
        this.proxy = proxy;
        // A child injector: the core gets ProxyServer, the plugin's Logger and data folder for free.
        this.injector = proxyInjector.createChildInjector(new LedgerNetModule(), new VelocityPlatformModule());
    }

    @Subscribe
    void onProxyInitialize(ProxyInitializeEvent event) {
        core = injector.getInstance(LedgerNetCore.class);
        core.load();
        core.onEnabled(this::interceptOnce);
        core.enable();
        // Registered even when config.yml is broken (the reason is logged, the proxy runs on without
        // LedgerNet): /lgn reload can then take the fixed file without a restart.
        registerCommand();
    }

    /** Starts intercepting the first time LedgerNet is enabled, whether at start or after a reload. */
    private synchronized void interceptOnce() {
        if (intercepting) {
            return;
        }
        intercepting = true;
        // Velocity fires PluginMessageEvent only for registered channels, and announces them to
        // clients and backends, which is what makes client mods send ledger:* at all.
        proxy.getChannelRegistrar().register(CHANNELS);
        proxy.getEventManager().register(this, new VelocityPluginMessageListener(core));
    }

    /** {@code /lgn} (name and aliases from config.yml); {@code plugin(this)} runs it off the network threads. */
    private void registerCommand() {
        queries = new NetworkQueries(core, Clock.systemUTC());
        LgnCommand lgn = new LgnCommand(core, queries,
                name -> proxy.getPlayer(name).map(Player::getUniqueId),
                () -> proxy.getAllPlayers().stream().map(Player::getUsername).toList(),
                injector.getInstance(PluginLogger.class), LgnCommand.WORKING_NOTICE);
        CommandSettings settings = LgnCommand.settings(core);
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
}
