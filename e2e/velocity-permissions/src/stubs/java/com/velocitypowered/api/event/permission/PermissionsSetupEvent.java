package com.velocitypowered.api.event.permission;

import com.velocitypowered.api.permission.PermissionFunction;
import com.velocitypowered.api.permission.PermissionProvider;
import com.velocitypowered.api.permission.PermissionSubject;

/** Compile-only stub of Velocity's final class (signatures only); never packaged. */
public final class PermissionsSetupEvent {
  public PermissionsSetupEvent(PermissionSubject subject, PermissionProvider provider) {
    throw new UnsupportedOperationException("stub");
  }

  public PermissionSubject getSubject() {
    throw new UnsupportedOperationException("stub");
  }

  public PermissionFunction createFunction(PermissionSubject subject) {
    throw new UnsupportedOperationException("stub");
  }

  public PermissionProvider getProvider() {
    throw new UnsupportedOperationException("stub");
  }

  public void setProvider(PermissionProvider provider) {
    throw new UnsupportedOperationException("stub");
  }
}
