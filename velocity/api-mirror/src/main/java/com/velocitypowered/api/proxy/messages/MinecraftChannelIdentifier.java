package com.velocitypowered.api.proxy.messages;

import java.util.Objects;
import java.util.regex.Pattern;
import net.kyori.adventure.key.Key;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A namespaced (1.13+) channel {@code namespace:name}. Both parts must match
 * {@code [a-z0-9/\-_]*} (so no dots and no upper case) and the namespace must not be empty.
 * Value-based: equality is by namespace and name.
 */
public final class MinecraftChannelIdentifier implements ChannelIdentifier {

  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9/\\-_]*");

  private final String namespace;
  private final String name;

  private MinecraftChannelIdentifier(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * An identifier in the {@code minecraft} namespace. Like the real API, this does not validate
   * {@code name}.
   *
   * @param name the name part
   * @return the identifier
   */
  public static MinecraftChannelIdentifier forDefaultNamespace(String name) {
    return new MinecraftChannelIdentifier("minecraft", name);
  }

  /**
   * Creates and validates an identifier.
   *
   * @param namespace non-empty namespace
   * @param name name part (may be empty)
   * @return the identifier
   * @throws IllegalArgumentException if the namespace is null or empty, the name is null, or
   *     either part has a character outside {@code [a-z0-9/\-_]}
   */
  public static MinecraftChannelIdentifier create(String namespace, String name) {
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalArgumentException("namespace is null or empty");
    }
    if (name == null) {
      throw new IllegalArgumentException("name is null");
    }
    if (!ALLOWED.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace is not valid, must match: " + ALLOWED + " got " + namespace);
    }
    if (!ALLOWED.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name is not valid, must match: " + ALLOWED + " got " + name);
    }
    return new MinecraftChannelIdentifier(namespace, name);
  }

  /**
   * Parses {@code namespace:name}, splitting on the first colon.
   *
   * @param identifier the full id
   * @return the identifier
   * @throws IllegalArgumentException if there is no colon, nothing after it, or a part is invalid
   */
  public static MinecraftChannelIdentifier from(String identifier) {
    int colon = identifier.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Identifier does not contain a colon.");
    }
    if (colon == identifier.length() - 1) {
      throw new IllegalArgumentException("Identifier is empty.");
    }
    return create(identifier.substring(0, colon), identifier.substring(colon + 1));
  }

  /**
   * Converts an Adventure key.
   *
   * @param key the key
   * @return the identifier
   * @throws IllegalArgumentException if the key's value has characters Velocity rejects
   */
  public static MinecraftChannelIdentifier from(Key key) {
    return create(key.namespace(), key.value());
  }

  /**
   * The namespace.
   *
   * @return the namespace
   */
  public String getNamespace() {
    return namespace;
  }

  /**
   * The name part.
   *
   * @return the name
   */
  public String getName() {
    return name;
  }

  /**
   * This identifier as an Adventure key.
   *
   * @return the key
   */
  public Key asKey() {
    return Key.key(namespace, name);
  }

  @Override
  public String getId() {
    return namespace + ':' + name;
  }

  /**
   * Same text as the real API: {@code namespace:name (modern)}. Use {@link #getId()} for the bare
   * id.
   */
  @Override
  public String toString() {
    return getId() + " (modern)";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (other == null || other.getClass() != MinecraftChannelIdentifier.class) {
      return false;
    }
    MinecraftChannelIdentifier that = (MinecraftChannelIdentifier) other;
    return namespace.equals(that.namespace) && name.equals(that.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name);
  }
}
