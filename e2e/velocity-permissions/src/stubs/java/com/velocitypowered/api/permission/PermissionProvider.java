package com.velocitypowered.api.permission;

/** Compile-only stub of Velocity's functional interface; never packaged. */
@FunctionalInterface
public interface PermissionProvider {
  PermissionFunction createFunction(PermissionSubject subject);
}
