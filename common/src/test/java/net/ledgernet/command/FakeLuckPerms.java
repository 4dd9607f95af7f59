package net.ledgernet.command;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.luckperms.api.LuckPerms;
import net.luckperms.api.LuckPermsProvider;
import net.luckperms.api.cacheddata.CachedDataManager;
import net.luckperms.api.cacheddata.CachedPermissionData;
import net.luckperms.api.context.ContextManager;
import net.luckperms.api.context.ContextSetFactory;
import net.luckperms.api.context.ImmutableContextSet;
import net.luckperms.api.model.user.User;
import net.luckperms.api.model.user.UserManager;
import net.luckperms.api.query.QueryOptions;
import net.luckperms.api.util.Tristate;

/**
 * LuckPerms as the proxy sees it when installed, answering per backend: a node holds for a player
 * on a backend only where {@link #grant} gave it. Registered with {@link LuckPermsProvider}, so
 * LedgerNet's real LuckPerms policy (contexts, cache) is what the tests exercise.
 */
public final class FakeLuckPerms implements AutoCloseable {
    private final Set<String> grants = ConcurrentHashMap.newKeySet();

    private FakeLuckPerms() {
    }

    public static FakeLuckPerms install() {
        FakeLuckPerms fake = new FakeLuckPerms();
        provider("register", LuckPerms.class, fake.luckPerms());
        return fake;
    }

    public FakeLuckPerms grant(UUID player, String backend, String... nodes) {
        for (String node : nodes) {
            grants.add(player + " " + backend + " " + node);
        }
        return this;
    }

    private boolean has(UUID player, String backend, String node) {
        return grants.contains(player + " " + backend + " " + node);
    }

    private LuckPerms luckPerms() {
        LuckPerms luckPerms = mock(LuckPerms.class, RETURNS_DEEP_STUBS);
        ContextManager contexts = mock(ContextManager.class);
        ContextSetFactory factory = mock(ContextSetFactory.class);
        when(luckPerms.getContextManager()).thenReturn(contexts);
        when(contexts.getContextSetFactory()).thenReturn(factory);
        // Context sets and query options remember the server they were built for.
        when(factory.immutableBuilder()).thenAnswer(invocation -> {
            ImmutableContextSet.Builder builder = mock(ImmutableContextSet.Builder.class);
            String[] server = {""};
            when(builder.add(anyString(), anyString())).thenAnswer(add -> {
                if ("server".equals(add.getArgument(0))) {
                    server[0] = add.getArgument(1);
                }
                return builder;
            });
            when(builder.build()).thenAnswer(build -> {
                ImmutableContextSet set = mock(ImmutableContextSet.class);
                when(set.getAnyValue("server")).thenReturn(java.util.Optional.of(server[0]));
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
        UserManager users = mock(UserManager.class);
        when(luckPerms.getUserManager()).thenReturn(users);
        when(users.getUser(any(UUID.class))).thenAnswer(invocation -> {
            UUID uuid = invocation.getArgument(0);
            User user = mock(User.class);
            CachedDataManager data = mock(CachedDataManager.class);
            when(user.getCachedData()).thenReturn(data);
            when(data.getPermissionData(any(QueryOptions.class))).thenAnswer(query -> {
                String backend = query.<QueryOptions>getArgument(0).context().getAnyValue("server").orElse("");
                CachedPermissionData permissions = mock(CachedPermissionData.class);
                when(permissions.checkPermission(anyString())).thenAnswer(check ->
                        Tristate.of(has(uuid, backend, check.getArgument(0))));
                return permissions;
            });
            return user;
        });
        return luckPerms;
    }

    @Override
    public void close() {
        provider("unregister", null, null);
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
