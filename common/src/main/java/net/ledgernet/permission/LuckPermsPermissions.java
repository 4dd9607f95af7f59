package net.ledgernet.permission;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.luckperms.api.LuckPerms;
import net.luckperms.api.context.ImmutableContextSet;
import net.luckperms.api.event.EventSubscription;
import net.luckperms.api.event.user.UserDataRecalculateEvent;
import net.luckperms.api.model.user.User;
import net.luckperms.api.query.QueryOptions;

/**
 * Checks nodes through LuckPerms in the context of the backend a request goes to, as if the player
 * stood on it. On a proxy, LuckPerms puts the current backend in the {@code world} context, while
 * nodes granted on a backend carry {@code server=<its name>}; the query sets both to the target
 * backend so either way of granting works. Answers are cached per player, backend and node, and
 * dropped whenever LuckPerms recalculates that player.
 */
final class LuckPermsPermissions implements PermissionPolicy {
    private final LuckPerms luckPerms;
    private final Map<UUID, Map<String, Boolean>> cache = new ConcurrentHashMap<>();
    private final EventSubscription<UserDataRecalculateEvent> subscription;

    LuckPermsPermissions(LuckPerms luckPerms) {
        this.luckPerms = luckPerms;
        this.subscription = luckPerms.getEventBus().subscribe(UserDataRecalculateEvent.class,
                event -> forget(event.getUser().getUniqueId()));
    }

    @Override
    public boolean has(UUID player, String backend, String node) {
        Map<String, Boolean> answers = cache.computeIfAbsent(player, uuid -> new ConcurrentHashMap<>());
        Boolean cached = answers.get(backend + '\0' + node);
        if (cached != null) {
            return cached;
        }
        User user = luckPerms.getUserManager().getUser(player);
        if (user == null) {
            return false; // LuckPerms loads every online player; anyone else has no rights here
        }
        boolean allowed = user.getCachedData().getPermissionData(queryOptions(backend)).checkPermission(node).asBoolean();
        answers.put(backend + '\0' + node, allowed);
        return allowed;
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
        cache.remove(player);
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
        subscription.close();
        cache.clear();
    }
}
