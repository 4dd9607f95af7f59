package com.velocitypowered.api.event;

import java.util.concurrent.CompletableFuture;

/** Registers listeners and fires events. */
public interface EventManager {

  /**
   * Registers every {@link Subscribe} method of {@code listener}. {@code plugin} must already be
   * registered (so not from the plugin constructor), and must not be the main instance itself.
   *
   * @param plugin the owning plugin instance
   * @param listener the listener object
   */
  void register(Object plugin, Object listener);

  /**
   * Registers a handler with {@link PostOrder#NORMAL}.
   *
   * @param plugin the owning plugin instance
   * @param eventClass the event type
   * @param handler the handler
   * @param <E> the event type
   */
  @SuppressWarnings("deprecation")
  default <E> void register(Object plugin, Class<E> eventClass, EventHandler<E> handler) {
    register(plugin, eventClass, PostOrder.NORMAL, handler);
  }

  /**
   * Registers a handler with a coarse order.
   *
   * @param plugin the owning plugin instance
   * @param eventClass the event type
   * @param postOrder the order
   * @param handler the handler
   * @param <E> the event type
   * @deprecated use {@link #register(Object, Class, short, EventHandler)}
   */
  @Deprecated
  <E> void register(Object plugin, Class<E> eventClass, PostOrder postOrder,
      EventHandler<E> handler);

  /**
   * Registers a handler with an explicit priority (higher runs earlier). Such handlers are not
   * async by default; return {@link EventTask#async(Runnable)} from
   * {@link EventHandler#executeAsync(Object)} for that.
   *
   * @param plugin the owning plugin instance
   * @param eventClass the event type
   * @param postOrder the priority
   * @param handler the handler
   * @param <E> the event type
   */
  <E> void register(Object plugin, Class<E> eventClass, short postOrder,
      EventHandler<E> handler);

  /**
   * Fires an event.
   *
   * @param event the event
   * @param <E> the event type
   * @return completes with the event once every handler has run
   */
  <E> CompletableFuture<E> fire(E event);

  /**
   * Fires an event and ignores the outcome.
   *
   * @param event the event
   */
  default void fireAndForget(Object event) {
    fire(event);
  }

  /**
   * Removes every listener and handler of a plugin.
   *
   * @param plugin the plugin instance
   */
  void unregisterListeners(Object plugin);

  /**
   * Removes one listener object.
   *
   * @param plugin the plugin instance
   * @param listener the listener
   */
  void unregisterListener(Object plugin, Object listener);

  /**
   * Removes one programmatic handler.
   *
   * @param plugin the plugin instance
   * @param handler the handler
   * @param <E> the event type
   */
  <E> void unregister(Object plugin, EventHandler<E> handler);
}
