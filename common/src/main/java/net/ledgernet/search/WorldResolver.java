package net.ledgernet.search;

import java.util.Objects;
import java.util.Optional;
import net.ledgernet.dimension.DimensionMap;
import net.ledgernet.dimension.DimensionMap.Dimension;

/**
 * Which backend dimension a {@code world:} id in a client's search stands for. The ids a client
 * sends are the ids LedgerNet showed it: network ids, plus the native ids of the player's current
 * backend when {@code keep-current-backend-native} is on.
 */
@FunctionalInterface
public interface WorldResolver {
    Optional<Dimension> resolve(String worldId);

    /**
     * Network ids through {@link DimensionMap#toLocal}; any other id, if {@code nativeBackend} is
     * given, as that backend's own. A network id wins over a native id spelt the same way.
     *
     * @param nativeBackend the player's current backend when it keeps native ids; empty for
     *                      consoles and when every backend is shown with network ids
     */
    static WorldResolver of(DimensionMap map, Optional<String> nativeBackend) {
        Objects.requireNonNull(map);
        Objects.requireNonNull(nativeBackend);
        return id -> map.toLocal(id).or(() -> nativeBackend.map(backend -> new Dimension(backend, id)));
    }
}
