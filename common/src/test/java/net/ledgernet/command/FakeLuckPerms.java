package net.ledgernet.command;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import net.luckperms.api.event.group.GroupDataRecalculateEvent;
import net.luckperms.api.event.node.NodeRemoveEvent;
import net.luckperms.api.event.sync.ConfigReloadEvent;
import net.luckperms.api.event.user.UserDataRecalculateEvent;
import net.luckperms.api.model.group.Group;
import net.luckperms.api.model.user.User;
import net.luckperms.api.model.user.UserManager;
import net.luckperms.api.query.QueryOptions;
import net.luckperms.api.util.Tristate;

/**
 * LuckPerms as the proxy sees it when installed (its API mocked, as the platforms' are), answering
 * per backend: a node holds for a player on a backend only where {@link #grant} gave it (to the
 * player, or to a group the player is in), and only when the query carries that backend in both the
 * {@code server} and the {@code world} context, as LedgerNet's policy must set them.
 * {@link #install()} registers it with {@link LuckPermsProvider}, so LedgerNet's real LuckPerms
 * policy (contexts, caching) is what tests exercise.
 *
 * <p>Like LuckPerms, it answers from each user's cached data, computed at the first query per
 * context and kept until LuckPerms clears it, and it clears it the way LuckPerms 5.5 does
 * (commit 9b4fe677): a user edit clears that user and posts {@code UserDataRecalculateEvent}; a
 * group edit posts {@code GroupDataRecalculateEvent} and {@code NodeRemoveEvent} for the group, then
 * clears every user's data directly, posting nothing for them.
 *
 * <p>Every player counts as online (loaded) unless {@link #offline} says otherwise; then, as in LuckPerms,
 * {@code getUser} answers null until {@code loadUser} has read the user from storage, asynchronously. A
 * UUID LuckPerms has never seen loads too, with LuckPerms' defaults (here: no node at all).
 */
public final class FakeLuckPerms implements AutoCloseable {
    /** Direct grants: "uuid backend node". */
    private final Set<String> grants = ConcurrentHashMap.newKeySet();
    /** Grants on the proxy without a context ({@code lp user X permission set node}): "uuid node", held everywhere. */
    private final Set<String> globalGrants = ConcurrentHashMap.newKeySet();
    /** Players neither online nor loaded: LuckPerms' UserManager does not hold them. */
    private final Set<UUID> unloaded = ConcurrentHashMap.newKeySet();
    private final AtomicInteger loads = new AtomicInteger();
    /** Group grants: group -> "backend node". */
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> memberships = new ConcurrentHashMap<>();
    /** LuckPerms' per-user cached data: uuid -> context ("server world") -> nodes granted there when computed. */
    private final Map<UUID, Map<String, Set<String>>> cachedData = new ConcurrentHashMap<>();
    private final Map<UUID, User> users = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Class<?>> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger queryOptionsBuilt = new AtomicInteger();
    private final LuckPerms api = luckPerms();
    private boolean installed;

    private record Subscription(Class<?> type, Consumer<Object> listener) {
    }

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

    /** {@code lp user <player> permission set <node> server=<backend>}: the user is recalculated. */
    public FakeLuckPerms grant(UUID player, String backend, String... nodes) {
        for (String node : nodes) {
            grants.add(player + " " + backend + " " + node);
        }
        userChanged(player);
        return this;
    }

    /** {@code lp user <player> permission unset <node> server=<backend>}: the user is recalculated. */
    public FakeLuckPerms revoke(UUID player, String backend, String node) {
        grants.remove(player + " " + backend + " " + node);
        userChanged(player);
        return this;
    }

    /**
     * {@code lp user <player> permission set <node>}, without a context: held on the proxy (its static
     * contexts) and on every backend.
     */
    public FakeLuckPerms grantGlobally(UUID player, String... nodes) {
        for (String node : nodes) {
            globalGrants.add(player + " " + node);
        }
        userChanged(player);
        return this;
    }

    /** {@code lp user <player> permission unset <node>} (the global one). */
    public FakeLuckPerms revokeGlobally(UUID player, String node) {
        globalGrants.remove(player + " " + node);
        userChanged(player);
        return this;
    }

    /**
     * The player is not on the proxy and LuckPerms does not hold them (it unloads a player who left once
     * they go unused): {@code getUser} answers null until {@code loadUser}.
     */
    public FakeLuckPerms offline(UUID player) {
        unloaded.add(player);
        users.remove(player);
        cachedData.remove(player);
        return this;
    }

    /** How many times {@code loadUser} read a user from storage. */
    public int loads() {
        return loads.get();
    }

    /** {@code lp group <group> permission set <node> server=<backend>} (creating the group). */
    public FakeLuckPerms grantGroup(String group, String backend, String... nodes) {
        for (String node : nodes) {
            groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(backend + " " + node);
        }
        groupChanged(group);
        return this;
    }

    /**
     * {@code lp group <group> permission unset <node> server=<backend>}, and likewise a temporary
     * group node expiring: events for the group only, then every user's data cleared silently.
     */
    public FakeLuckPerms revokeGroup(String group, String backend, String node) {
        groups.getOrDefault(group, Set.of()).remove(backend + " " + node);
        groupChanged(group);
        return this;
    }

    /** {@code lp user <player> parent add <group>}: a user edit. */
    public FakeLuckPerms addToGroup(UUID player, String group) {
        memberships.computeIfAbsent(player, p -> ConcurrentHashMap.newKeySet()).add(group);
        userChanged(player);
        return this;
    }

    /** {@code lp reloadconfig}. */
    public void reloadConfig() {
        post(ConfigReloadEvent.class, mock(ConfigReloadEvent.class));
    }

    /** The event types posted so far, in order. */
    public List<Class<?>> posted() {
        return List.copyOf(posted);
    }

    /** How many permission checks reached LuckPerms (as opposed to a cache of LedgerNet's). */
    public int lookups() {
        return lookups.get();
    }

    /** How many QueryOptions were built from the static ones. */
    public int queryOptionsBuilt() {
        return queryOptionsBuilt.get();
    }

    public int subscribers() {
        return subscriptions.size();
    }

    private void userChanged(UUID player) {
        cachedData.remove(player);
        UserDataRecalculateEvent event = mock(UserDataRecalculateEvent.class);
        User user = api.getUserManager().getUser(player);
        when(event.getUser()).thenReturn(user);
        post(UserDataRecalculateEvent.class, event);
    }

    private void groupChanged(String name) {
        Group group = mock(Group.class);
        when(group.getName()).thenReturn(name);
        GroupDataRecalculateEvent recalculated = mock(GroupDataRecalculateEvent.class);
        when(recalculated.getGroup()).thenReturn(group);
        post(GroupDataRecalculateEvent.class, recalculated);
        NodeRemoveEvent removed = mock(NodeRemoveEvent.class);
        when(removed.getTarget()).thenReturn(group);
        when(removed.isGroup()).thenReturn(true);
        post(NodeRemoveEvent.class, removed);
        // UserManager.invalidateAllUserCaches: no event per user.
        cachedData.clear();
    }

    private void post(Class<?> type, Object event) {
        posted.add(type);
        for (Subscription subscription : subscriptions) {
            if (subscription.type().isInstance(event)) {
                subscription.listener().accept(event);
            }
        }
    }

    /** The nodes a player holds in a context, as LuckPerms resolves them (own nodes and groups'). */
    private Set<String> resolve(UUID player, String server, String world) {
        Set<String> held = new HashSet<>();
        String own = player + " ";
        globalGrants.stream().filter(g -> g.startsWith(own)).forEach(g -> held.add(g.substring(own.length())));
        if (!server.equals(world)) {
            return held;
        }
        String prefix = player + " " + server + " ";
        grants.stream().filter(g -> g.startsWith(prefix)).forEach(g -> held.add(g.substring(prefix.length())));
        for (String group : memberships.getOrDefault(player, Set.of())) {
            groups.getOrDefault(group, Set.of()).stream().filter(g -> g.startsWith(server + " "))
                    .forEach(g -> held.add(g.substring(server.length() + 1)));
        }
        return held;
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
        // The proxy's own contexts: no backend (LuckPerms' server: global, the default, adds none).
        ImmutableContextSet staticContext = mock(ImmutableContextSet.class);
        when(staticContext.getAnyValue(anyString())).thenReturn(Optional.empty());
        when(statics.context()).thenReturn(staticContext);
        when(statics.toBuilder()).thenAnswer(invocation -> {
            queryOptionsBuilt.incrementAndGet();
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
        when(events.subscribe(any(Class.class), any(Consumer.class))).thenAnswer(subscribe -> {
            Subscription subscription = new Subscription(subscribe.getArgument(0), subscribe.getArgument(1));
            subscriptions.add(subscription);
            EventSubscription<?> handle = mock(EventSubscription.class);
            org.mockito.Mockito.doAnswer(close -> subscriptions.remove(subscription)).when(handle).close();
            return handle;
        });
        UserManager userManager = mock(UserManager.class);
        when(luckPerms.getUserManager()).thenReturn(userManager);
        when(userManager.getUser(any(UUID.class))).thenAnswer(invocation -> unloaded.contains(invocation.getArgument(0))
                ? null : users.computeIfAbsent(invocation.getArgument(0), this::user));
        // Read from storage on LuckPerms' own threads; an unknown UUID gets a user with the defaults.
        when(userManager.loadUser(any(UUID.class))).thenAnswer(invocation -> CompletableFuture.supplyAsync(() -> {
            UUID uuid = invocation.getArgument(0);
            loads.incrementAndGet();
            User user = users.computeIfAbsent(uuid, this::user);
            unloaded.remove(uuid);
            return user;
        }));
        return luckPerms;
    }

    /** A user whose permission data answers from LuckPerms' cache, computed on first use per context. */
    private User user(UUID uuid) {
        User user = mock(User.class);
        when(user.getUniqueId()).thenReturn(uuid);
        CachedDataManager data = mock(CachedDataManager.class);
        when(user.getCachedData()).thenReturn(data);
        Map<ImmutableContextSet, CachedPermissionData> byContext = new ConcurrentHashMap<>();
        when(data.getPermissionData(any(QueryOptions.class))).thenAnswer(query -> byContext.computeIfAbsent(
                query.<QueryOptions>getArgument(0).context(), context -> {
                    String server = context.getAnyValue("server").orElse("");
                    String world = context.getAnyValue("world").orElse("");
                    CachedPermissionData permissions = mock(CachedPermissionData.class);
                    when(permissions.checkPermission(anyString())).thenAnswer(check -> {
                        lookups.incrementAndGet();
                        Set<String> held = cachedData.computeIfAbsent(uuid, u -> new ConcurrentHashMap<>())
                                .computeIfAbsent(server + " " + world, c -> resolve(uuid, server, world));
                        return Tristate.of(held.contains(check.<String>getArgument(0)));
                    });
                    return permissions;
                }));
        return user;
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
