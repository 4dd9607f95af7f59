package com.velocitypowered.api.proxy;

import com.velocitypowered.api.command.CommandManager;
import com.velocitypowered.api.event.EventManager;
import com.velocitypowered.api.plugin.PluginManager;
import com.velocitypowered.api.proxy.messages.ChannelRegistrar;
import com.velocitypowered.api.proxy.server.RegisteredServer;
import com.velocitypowered.api.scheduler.Scheduler;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import net.kyori.adventure.audience.Audience;

/**
 * The proxy. Injected by Guice into the plugin's main class.
 *
 * <p>Mirror note: only the members LedgerNet uses are declared; the real interface has more
 * (shutdown, server registration, console, configuration, version, resource packs, ...).
 */
public interface ProxyServer extends Audience {

  /**
   * Finds an online player by exact (case-insensitive) name.
   *
   * @param username the name
   * @return the player, if online
   */
  Optional<Player> getPlayer(String username);

  /**
   * Finds an online player by UUID.
   *
   * @param uuid the UUID
   * @return the player, if online
   */
  Optional<Player> getPlayer(UUID uuid);

  /**
   * All online players.
   *
   * @return the players
   */
  Collection<Player> getAllPlayers();

  /**
   * Finds a backend by its configured name.
   *
   * @param name the server name
   * @return the server, if registered
   */
  Optional<RegisteredServer> getServer(String name);

  /**
   * All registered backends.
   *
   * @return the servers
   */
  Collection<RegisteredServer> getAllServers();

  /**
   * The plugin manager.
   *
   * @return the plugin manager
   */
  PluginManager getPluginManager();

  /**
   * The event manager.
   *
   * @return the event manager
   */
  EventManager getEventManager();

  /**
   * The command manager.
   *
   * @return the command manager
   */
  CommandManager getCommandManager();

  /**
   * The scheduler.
   *
   * @return the scheduler
   */
  Scheduler getScheduler();

  /**
   * The plugin-message channel registrar.
   *
   * @return the registrar
   */
  ChannelRegistrar getChannelRegistrar();
}
