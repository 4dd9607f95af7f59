package com.velocitypowered.api.proxy;

import com.velocitypowered.api.network.ProtocolVersion;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A client connection to the proxy.
 *
 * <p>Mirror note: the real interface also has {@code ProtocolState getProtocolState()}; the
 * {@code network.ProtocolState} enum is not mirrored, so that method is left out (binary-safe for
 * callers).
 */
public interface InboundConnection {

  /**
   * The client's address.
   *
   * @return the remote address
   */
  InetSocketAddress getRemoteAddress();

  /**
   * The host name and port the client connected to, if sent.
   *
   * @return the virtual host
   */
  Optional<InetSocketAddress> getVirtualHost();

  /**
   * The host name exactly as sent in the handshake.
   *
   * @return the raw virtual host
   */
  Optional<String> getRawVirtualHost();

  /**
   * Whether the connection is still open.
   *
   * @return whether active
   */
  boolean isActive();

  /**
   * The client's protocol version.
   *
   * @return the version
   */
  ProtocolVersion getProtocolVersion();
}
