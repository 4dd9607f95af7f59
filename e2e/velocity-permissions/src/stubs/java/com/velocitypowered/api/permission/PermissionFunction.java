package com.velocitypowered.api.permission;

/** Compile-only stub of Velocity's functional interface; never packaged. */
@FunctionalInterface
public interface PermissionFunction {
  Tristate getPermissionValue(String permission);
}
