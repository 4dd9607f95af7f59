package com.velocitypowered.api.event.proxy;

/**
 * Fired (and awaited) once when the proxy has loaded plugins, before it starts listening. The place
 * to register listeners, commands, channels and tasks.
 */
public final class ProxyInitializeEvent {

  /** Creates the event. */
  public ProxyInitializeEvent() {
  }

  @Override
  public String toString() {
    return "ProxyInitializeEvent";
  }
}
