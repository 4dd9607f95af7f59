package com.velocitypowered.api.event.proxy;

/** Fired (and awaited) once when the proxy shuts down. */
public final class ProxyShutdownEvent {

  /** Creates the event. */
  public ProxyShutdownEvent() {
  }

  @Override
  public String toString() {
    return "ProxyShutdownEvent";
  }
}
