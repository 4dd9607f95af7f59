package net.ledgernet.permission;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.luckperms.api.LuckPerms;
import net.luckperms.api.context.ImmutableContextSet;
import net.luckperms.api.event.EventSubscription;
import net.luckperms.api.event.sync.ConfigReloadEvent;
import net.luckperms.api.model.user.User;
import net.luckperms.api.query.QueryOptions;

/**
 * Checks nodes through LuckPerms in the context of the backend a request goes to, as if the player
 * stood on it. On a proxy, LuckPerms puts the current backend in the {@code world} context, while
 * nodes granted on a backend carry {@code server=<its name>}; the query sets both to the target
 * backend so either way of granting works.
 *
 * <p>No answer is cached here: every check asks LuckPerms' own per-user cache, so a change is seen
 * as soon as LuckPerms applies it. A cache of our own would need LuckPerms to say when to drop it,
 * and it does not always: a group edit, a network sync and an expiring temporary node clear users'
 * data without a {@code UserDataRecalculateEvent}, and the events it does post run asynchronously,
 * possibly before the users' data is cleared. A warm LuckPerms check is a few map lookups (0.19 µs
 * median, BENCHMARKS.md "LuckPerms permission check"), so there is nothing worth caching.
 */
final class LuckPermsPermissions implements PermissionPolicy {
    private final LuckPerms luckPerms;
    /**
     * One QueryOptions per backend, reused: LuckPerms keys each user's cached data by QueryOptions,
     * and building an equal one per check would cost more than the check.
     */
    private final Map<String, QueryOptions> options = new ConcurrentHashMap<>();
    private final EventSubscription<ConfigReloadEvent> configReload;

    LuckPermsPermissions(LuckPerms luckPerms) {
        this.luckPerms = luckPerms;
        // The static options (include-global and the other flags) come from LuckPerms' config.
        this.configReload = luckPerms.getEventBus().subscribe(ConfigReloadEvent.class, event -> options.clear());
    }

    @Override
    public boolean has(UUID player, String backend, String node) {
        User user = luckPerms.getUserManager().getUser(player);
        if (user == null) {
            return false; // LuckPerms loads every online player; anyone else has no rights here
        }
        QueryOptions query = options.get(backend);
        if (query == null) {
            query = options.computeIfAbsent(backend, this::queryOptions);
        }
        return user.getCachedData().getPermissionData(query).checkPermission(node).asBoolean();
    }

    /** In the proxy's static contexts, as an offline player has them (no backend, no current server). */
    @Override
    public boolean hasOnProxy(UUID player, String node) {
        User user = luckPerms.getUserManager().getUser(player);
        if (user == null) {
            return false; // neither online nor loaded
        }
        return user.getCachedData().getPermissionData(luckPerms.getContextManager().getStaticQueryOptions())
                .checkPermission(node).asBoolean();
    }

    /**
     * An online player is loaded already; anyone else is read from LuckPerms' storage (an unknown UUID
     * gets LuckPerms' defaults). LuckPerms keeps a user loaded through its API for five minutes
     * (UserHousekeeper's recentlyUsedApi), so the checks that follow the load find it.
     */
    @Override
    public CompletableFuture<Void> load(UUID player) {
        if (luckPerms.getUserManager().getUser(player) != null) {
            return CompletableFuture.completedFuture(null);
        }
        return luckPerms.getUserManager().loadUser(player).thenApply(user -> null);
    }

    private QueryOptions queryOptions(String backend) {
        ImmutableContextSet context = luckPerms.getContextManager().getContextSetFactory().immutableBuilder()
                .add("server", backend)
                .add("world", backend)
                .build();
        // Start from the static options so the proxy's include-global settings still apply.
        return luckPerms.getContextManager().getStaticQueryOptions().toBuilder().context(context).build();
    }

    @Override
    public void forget(UUID player) {
        // Nothing is kept per player.
    }

    @Override
    public boolean fromLuckPerms() {
        return true;
    }

    @Override
    public String describe() {
        return "LuckPerms (per-backend context)";
    }

    @Override
    public void close() {
        configReload.close();
    }
}
