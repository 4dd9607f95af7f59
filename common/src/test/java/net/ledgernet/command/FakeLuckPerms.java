package net.ledgernet.command;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.luckperms.api.LuckPerms;
import net.luckperms.api.LuckPermsProvider;
import net.luckperms.api.cacheddata.CachedDataManager;
import net.luckperms.api.cacheddata.CachedPermissionData;
import net.luckperms.api.context.ContextManager;
import net.luckperms.api.context.ContextSetFactory;
import net.luckperms.api.context.ImmutableContextSet;
import net.luckperms.api.event.EventBus;
import net.luckperms.api.event.EventSubscription;
import net.luckperms.api.event.user.UserDataRecalculateEvent;
import net.luckperms.api.model.user.User;
import net.luckperms.api.model.user.UserManager;
import net.luckperms.api.query.QueryOptions;
import net.luckperms.api.util.Tristate;

/**
 * LuckPerms as the proxy sees it when installed (its API mocked, as the platforms' are), answering
 * per backend: a node holds for a player on a backend only where {@link #grant} gave it, and only
 * when the query carries that backend in both the {@code server} and the {@code world} context, as
 * LedgerNet's policy must set them. {@link #install()} registers it with {@link LuckPermsProvider},
 * so LedgerNet's real LuckPerms policy (contexts, cache) is what tests exercise.
 */
public final class FakeLuckPerms implements AutoCloseable {
    private final Set<String> grants = ConcurrentHashMap.newKeySet();
    private final List<Consumer<? super UserDataRecalculateEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final LuckPerms api = luckPerms();
    private boolean installed;

    /** A fake not registered with {@link LuckPermsProvider}: pass {@link #api()} around yourself. */
    public static FakeLuckPerms create() {
        return new FakeLuckPerms();
    }

    /** A fake registered with {@link LuckPermsProvider}, as a running LuckPerms plugin is. */
    public static FakeLuckPerms install() {
        FakeLuckPerms fake = new FakeLuckPerms();
        provider("register", LuckPerms.class, fake.api);
        fake.installed = true;
        return fake;
    }

    public LuckPerms api() {
        return api;
    }

    public FakeLuckPerms grant(UUID player, String backend, String... nodes) {
        for (String node : nodes) {
            grants.add(player + " " + backend + " " + node);
        }
        return this;
    }

    public FakeLuckPerms revoke(UUID player, String backend, String node) {
        grants.remove(player + " " + backend + " " + node);
        return this;
    }

    /** What LuckPerms does after a permission change: tells subscribers the player's data was recalculated. */
    public void recalculate(UUID player) {
        UserDataRecalculateEvent event = mock(UserDataRecalculateEvent.class);
        User user = api.getUserManager().getUser(player);
        when(event.getUser()).thenReturn(user);
        listeners.forEach(listener -> listener.accept(event));
    }

    /** How many permission checks reached LuckPerms (as opposed to a cache). */
    public int lookups() {
        return lookups.get();
    }

    public int subscribers() {
        return listeners.size();
    }

    private boolean has(UUID player, ImmutableContextSet context, String node) {
        String server = context.getAnyValue("server").orElse("");
        String world = context.getAnyValue("world").orElse("");
        return server.equals(world) && grants.contains(player + " " + server + " " + node);
    }

    @SuppressWarnings("unchecked")
    private LuckPerms luckPerms() {
        LuckPerms luckPerms = mock(LuckPerms.class);
        ContextManager contexts = mock(ContextManager.class);
        ContextSetFactory factory = mock(ContextSetFactory.class);
        when(luckPerms.getContextManager()).thenReturn(contexts);
        when(contexts.getContextSetFactory()).thenReturn(factory);
        // Context sets and query options remember what they were built with.
        when(factory.immutableBuilder()).thenAnswer(invocation -> {
            ImmutableContextSet.Builder builder = mock(ImmutableContextSet.Builder.class);
            Map<String, String> values = new ConcurrentHashMap<>();
            when(builder.add(anyString(), anyString())).thenAnswer(add -> {
                values.put(add.getArgument(0), add.getArgument(1));
                return builder;
            });
            when(builder.build()).thenAnswer(build -> {
                ImmutableContextSet set = mock(ImmutableContextSet.class);
                when(set.getAnyValue(anyString())).thenAnswer(get -> Optional.ofNullable(values.get(get.<String>getArgument(0))));
                return set;
            });
            return builder;
        });
        QueryOptions statics = mock(QueryOptions.class);
        when(contexts.getStaticQueryOptions()).thenReturn(statics);
        when(statics.toBuilder()).thenAnswer(invocation -> {
            QueryOptions.Builder builder = mock(QueryOptions.Builder.class);
            ImmutableContextSet[] context = {null};
            when(builder.context(any())).thenAnswer(set -> {
                context[0] = set.getArgument(0);
                return builder;
            });
            when(builder.build()).thenAnswer(build -> {
                QueryOptions options = mock(QueryOptions.class);
                when(options.context()).thenReturn(context[0]);
                return options;
            });
            return builder;
        });
        EventBus events = mock(EventBus.class);
        when(luckPerms.getEventBus()).thenReturn(events);
        when(events.subscribe(eq(UserDataRecalculateEvent.class), any(Consumer.class))).thenAnswer(subscribe -> {
            Consumer<? super UserDataRecalculateEvent> listener = subscribe.getArgument(1);
            listeners.add(listener);
            EventSubscription<UserDataRecalculateEvent> subscription = mock(EventSubscription.class);
            org.mockito.Mockito.doAnswer(close -> listeners.remove(listener)).when(subscription).close();
            return subscription;
        });
        UserManager users = mock(UserManager.class);
        when(luckPerms.getUserManager()).thenReturn(users);
        when(users.getUser(any(UUID.class))).thenAnswer(invocation -> {
            UUID uuid = invocation.getArgument(0);
            User user = mock(User.class);
            when(user.getUniqueId()).thenReturn(uuid);
            CachedDataManager data = mock(CachedDataManager.class);
            when(user.getCachedData()).thenReturn(data);
            when(data.getPermissionData(any(QueryOptions.class))).thenAnswer(query -> {
                ImmutableContextSet context = query.<QueryOptions>getArgument(0).context();
                CachedPermissionData permissions = mock(CachedPermissionData.class);
                when(permissions.checkPermission(anyString())).thenAnswer(check -> {
                    lookups.incrementAndGet();
                    return Tristate.of(has(uuid, context, check.getArgument(0)));
                });
                return permissions;
            });
            return user;
        });
        return luckPerms;
    }

    @Override
    public void close() {
        if (installed) {
            provider("unregister", null, null);
        }
    }

    private static void provider(String name, Class<?> type, Object argument) {
        try {
            Method method = type == null ? LuckPermsProvider.class.getDeclaredMethod(name)
                    : LuckPermsProvider.class.getDeclaredMethod(name, type);
            method.setAccessible(true);
            if (type == null) {
                method.invoke(null);
            } else {
                method.invoke(null, argument);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
