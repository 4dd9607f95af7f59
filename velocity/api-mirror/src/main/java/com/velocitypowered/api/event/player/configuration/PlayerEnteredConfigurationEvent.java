package com.velocitypowered.api.event.player.configuration;

import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ServerConnection;

/**
 * Fired when a player has entered the configuration state (Minecraft 1.20.2+), on first join and on
 * every server switch; until the configuration finishes, messages sent to the player arrive in the
 * configuration phase. A record, as in the real API (since 3.3.0).
 *
 * @param player the player who entered the configuration state
 * @param server the server that will now (re-)configure the player
 */
public record PlayerEnteredConfigurationEvent(Player player, ServerConnection server) {
}
