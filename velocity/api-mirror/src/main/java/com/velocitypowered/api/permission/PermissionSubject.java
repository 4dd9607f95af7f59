package com.velocitypowered.api.permission;

import net.kyori.adventure.permission.PermissionChecker;

/** Something that has permissions (players, the console). */
public interface PermissionSubject {

  /**
   * Whether the permission is granted; not set counts as not granted.
   *
   * @param permission the permission node
   * @return whether granted
   */
  default boolean hasPermission(String permission) {
    return getPermissionValue(permission).asBoolean();
  }

  /**
   * The raw permission value.
   *
   * @param permission the permission node
   * @return the value
   */
  Tristate getPermissionValue(String permission);

  /**
   * An Adventure view of {@link #getPermissionValue(String)}.
   *
   * @return the checker
   */
  default PermissionChecker getPermissionChecker() {
    return permission -> getPermissionValue(permission).toAdventureTriState();
  }
}
