package net.ledgernet.permission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import net.luckperms.api.LuckPerms;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The LuckPerms policy against the LuckPerms API (mocked, as the proxy platforms are): contexts and cache. */
class LuckPermsPermissionsTest {
    private final UUID alex = UUID.randomUUID();
    private final LuckPerms luckPerms = mock(LuckPerms.class);
    private final User user = mock(User.class);
    private final CachedDataManager data = mock(CachedDataManager.class);
    private final EventBus events = mock(EventBus.class);
    @SuppressWarnings("unchecked")
    private final EventSubscription<UserDataRecalculateEvent> subscription = mock(EventSubscription.class);
    /** "backend node" pairs LuckPerms grants Alex; the backend is read from the query's context. */
    private final Set<String> granted = new HashSet<>();
    private final ImmutableContextSet.Builder contextBuilder = mock(ImmutableContextSet.Builder.class);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        ContextManager contexts = mock(ContextManager.class);
        ContextSetFactory factory = mock(ContextSetFactory.class);
        when(luckPerms.getContextManager()).thenReturn(contexts);
        when(luckPerms.getEventBus()).thenReturn(events);
        when(events.subscribe(eq(UserDataRecalculateEvent.class), any(Consumer.class))).thenReturn(subscription);
        when(contexts.getContextSetFactory()).thenReturn(factory);
        when(factory.immutableBuilder()).thenReturn(contextBuilder);
        String[] server = {""};
        when(contextBuilder.add(anyString(), anyString())).thenAnswer(add -> {
            if (add.getArgument(0).equals("server")) {
                server[0] = add.getArgument(1);
            }
            return contextBuilder;
        });
        when(contextBuilder.build()).thenAnswer(build -> {
            ImmutableContextSet set = mock(ImmutableContextSet.class);
            when(set.getAnyValue("server")).thenReturn(java.util.Optional.of(server[0]));
            return set;
        });
        QueryOptions statics = mock(QueryOptions.class);
        when(contexts.getStaticQueryOptions()).thenReturn(statics);
        when(statics.toBuilder()).thenAnswer(toBuilder -> {
            QueryOptions.Builder builder = mock(QueryOptions.Builder.class);
            ImmutableContextSet[] context = {null};
            when(builder.context(any())).thenAnswer(set -> {
                context[0] = set.getArgument(0);
                return builder;
            });
            when(builder.build()).thenAnswer(b -> {
                QueryOptions options = mock(QueryOptions.class);
                when(options.context()).thenReturn(context[0]);
                return options;
            });
            return builder;
        });
        UserManager users = mock(UserManager.class);
        when(luckPerms.getUserManager()).thenReturn(users);
        when(users.getUser(alex)).thenReturn(user);
        when(user.getUniqueId()).thenReturn(alex);
        when(user.getCachedData()).thenReturn(data);
        when(data.getPermissionData(any(QueryOptions.class))).thenAnswer(query -> {
            String backend = query.<QueryOptions>getArgument(0).context().getAnyValue("server").orElse("");
            CachedPermissionData permissions = mock(CachedPermissionData.class);
            when(permissions.checkPermission(anyString())).thenAnswer(check ->
                    Tristate.of(granted.contains(backend + " " + check.getArgument(0))));
            return permissions;
        });
    }

    @Test
    void aNodeIsCheckedInTheContextOfTheTargetBackend() {
        granted.add("survival ledger.commands.search");
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms)) {
            assertTrue(policy.has(alex, "survival", "ledger.commands.search"));
            assertFalse(policy.has(alex, "creative", "ledger.commands.search"));
            assertFalse(policy.has(alex, "survival", "ledger.commands.purge"));
            assertFalse(policy.has(UUID.randomUUID(), "survival", "ledger.commands.search"), "not a loaded user");
            // Both context keys carry the backend: server= as granted on backends, world= as the proxy sets it.
            verify(contextBuilder, times(2)).add("server", "survival");
            verify(contextBuilder, times(2)).add("world", "survival");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersAreCachedUntilLuckPermsRecalculatesThePlayer() {
        ArgumentCaptor<Consumer<UserDataRecalculateEvent>> listener = ArgumentCaptor.forClass(Consumer.class);
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms)) {
            verify(events).subscribe(eq(UserDataRecalculateEvent.class), listener.capture());
            assertFalse(policy.has(alex, "survival", "ledger.commands.rollback"));
            granted.add("survival ledger.commands.rollback");
            assertFalse(policy.has(alex, "survival", "ledger.commands.rollback"), "cached");
            verify(data, times(1)).getPermissionData(any(QueryOptions.class));

            UserDataRecalculateEvent event = mock(UserDataRecalculateEvent.class);
            when(event.getUser()).thenReturn(user);
            listener.getValue().accept(event);
            assertTrue(policy.has(alex, "survival", "ledger.commands.rollback"), "asked again after recalculation");

            granted.remove("survival ledger.commands.rollback");
            policy.forget(alex);
            assertFalse(policy.has(alex, "survival", "ledger.commands.rollback"), "forgotten when the player leaves");
        }
        verify(subscription).close();
    }
}
