package net.ledgernet.permission;

import net.ledgernet.platform.Platform;
import net.luckperms.api.LuckPermsProvider;

/** Picks the permission policy: LuckPerms when it is installed and running, else the proxy's own. */
public final class PermissionPolicies {
    private static final String LUCKPERMS_API = "net.luckperms.api.LuckPermsProvider";

    private PermissionPolicies() {
    }

    public static PermissionPolicy create(Platform platform) {
        if (luckPermsPresent()) {
            try {
                return new LuckPermsPermissions(LuckPermsProvider.get());
            } catch (IllegalStateException notLoaded) {
                platform.logger().warn("LuckPerms is installed but not enabled; using "
                        + platform.name() + "'s own permission checks");
            }
        }
        return new PlatformPermissions(platform);
    }

    private static boolean luckPermsPresent() {
        try {
            // Resolve through our own class loader, which on both proxies also sees other plugins' classes.
            Class.forName(LUCKPERMS_API, false, PermissionPolicies.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
