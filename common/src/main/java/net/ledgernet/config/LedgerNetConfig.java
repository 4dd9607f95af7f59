package net.ledgernet.config;

import java.util.Map;
import net.ledgernet.dimension.DimensionMap;

/**
 * A loaded and validated config.yml. Immutable; a reload produces a new one.
 *
 * @param objectTags block tag id -> its object ids, for {@code object:#tag} in searches answered from
 *                   the databases (the proxy has no game registry)
 * @param web        the staff web console
 */
public record LedgerNetConfig(
        int configVersion,
        Map<String, BackendConfig> backends,
        DimensionSettings dimensions,
        DimensionMap dimensionMap,
        PermissionNodes permissions,
        Limits limits,
        CommandSettings command,
        Map<String, java.util.List<String>> objectTags,
        WebSettings web) {
    /** The config-version this build writes and reads. */
    public static final int CURRENT_VERSION = 1;
}
