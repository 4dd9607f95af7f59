package com.velocitypowered.api.proxy.messages;

/** Marker for anything a plugin message can come from (a player or a server connection). */
public interface ChannelMessageSource {
}
