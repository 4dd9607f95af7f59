package com.velocitypowered.api.proxy.server;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Name and address of a backend server. Value-based; ordered by name. */
public final class ServerInfo implements Comparable<ServerInfo> {

  private final String name;
  private final InetSocketAddress address;

  /**
   * Creates the info.
   *
   * @param name the server name from the proxy config
   * @param address the backend address
   * @throws NullPointerException if an argument is null
   */
  public ServerInfo(String name, InetSocketAddress address) {
    this.name = Objects.requireNonNull(name, "name");
    this.address = Objects.requireNonNull(address, "address");
  }

  /**
   * The server name.
   *
   * @return the name
   */
  public final String getName() {
    return name;
  }

  /**
   * The backend address.
   *
   * @return the address
   */
  public final InetSocketAddress getAddress() {
    return address;
  }

  @Override
  public String toString() {
    return "ServerInfo{name='" + name + "', address=" + address + '}';
  }

  @Override
  public final boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (other == null || other.getClass() != ServerInfo.class) {
      return false;
    }
    ServerInfo that = (ServerInfo) other;
    return name.equals(that.name) && address.equals(that.address);
  }

  @Override
  public final int hashCode() {
    return Objects.hash(name, address);
  }

  @Override
  public int compareTo(ServerInfo other) {
    return name.compareTo(other.getName());
  }
}
