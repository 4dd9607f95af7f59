package net.ledgernet.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import net.ledgernet.command.FakeLuckPerms;
import net.luckperms.api.event.group.GroupDataRecalculateEvent;
import net.luckperms.api.event.node.NodeRemoveEvent;
import net.luckperms.api.event.user.UserDataRecalculateEvent;
import org.junit.jupiter.api.Test;

/** The LuckPerms policy against the LuckPerms API (mocked, as the proxy platforms are): contexts and currency. */
class LuckPermsPermissionsTest {
    private static final String SEARCH = "ledger.commands.search";
    private static final String ROLLBACK = "ledger.commands.rollback";
    private static final String WEB = "ledgernet.command.web";

    private final UUID alex = UUID.randomUUID();
    private final FakeLuckPerms luckPerms = FakeLuckPerms.create();

    @Test
    void aNodeIsCheckedInTheContextOfTheTargetBackend() {
        // The fake grants only when server= and world= both name the backend, as the policy must set them.
        luckPerms.grant(alex, "survival", SEARCH);
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertTrue(policy.has(alex, "survival", SEARCH));
            assertFalse(policy.has(alex, "creative", SEARCH));
            assertFalse(policy.has(alex, "survival", "ledger.commands.purge"));
        }
    }

    @Test
    void aGroupEditTakesEffectAtTheNextCheckThoughLuckPermsPostsNoEventForTheUser() {
        luckPerms.grantGroup("moderator", "survival", SEARCH, ROLLBACK).addToGroup(alex, "moderator");
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertTrue(policy.has(alex, "survival", ROLLBACK));
            int before = luckPerms.posted().size();

            // lp group moderator permission unset ledger.commands.rollback server=survival
            luckPerms.revokeGroup("moderator", "survival", ROLLBACK);
            assertThat(luckPerms.posted().subList(before, luckPerms.posted().size()))
                    .containsExactly(GroupDataRecalculateEvent.class, NodeRemoveEvent.class)
                    .doesNotContain(UserDataRecalculateEvent.class);
            assertFalse(policy.has(alex, "survival", ROLLBACK), "the demoted moderator may no longer roll back");
            assertTrue(policy.has(alex, "survival", SEARCH), "what the group still grants stays");

            luckPerms.grantGroup("moderator", "creative", ROLLBACK);
            assertTrue(policy.has(alex, "creative", ROLLBACK), "a group grant counts at once too");
        }
    }

    @Test
    void aUserEditTakesEffectAtTheNextCheck() {
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertFalse(policy.has(alex, "survival", ROLLBACK));
            luckPerms.grant(alex, "survival", ROLLBACK);
            assertTrue(policy.has(alex, "survival", ROLLBACK));
            luckPerms.revoke(alex, "survival", ROLLBACK);
            assertFalse(policy.has(alex, "survival", ROLLBACK));
            policy.forget(alex);
            assertFalse(policy.has(alex, "survival", ROLLBACK));
        }
    }

    @Test
    void oneQueryOptionsPerBackendIsReusedUntilLuckPermsReloadsItsConfig() {
        luckPerms.grant(alex, "survival", SEARCH);
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertEquals(1, luckPerms.subscribers());
            for (int i = 0; i < 3; i++) {
                policy.has(alex, "survival", SEARCH);
                policy.has(alex, "creative", SEARCH);
            }
            assertEquals(2, luckPerms.queryOptionsBuilt(), "built once per backend");
            assertEquals(6, luckPerms.lookups(), "every check is LuckPerms' own");

            // The static options (include-global ...) come from LuckPerms' config.
            luckPerms.reloadConfig();
            assertTrue(policy.has(alex, "survival", SEARCH));
            assertEquals(3, luckPerms.queryOptionsBuilt(), "built again after lp reloadconfig");
        }
        assertEquals(0, luckPerms.subscribers(), "closing the policy unsubscribes");
    }

    @Test
    void aProxyNodeIsCheckedInTheProxysOwnContextsNotABackends() {
        UUID steve = UUID.randomUUID();
        luckPerms.grantGlobally(alex, WEB).grant(steve, "survival", WEB);
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertTrue(policy.hasOnProxy(alex, WEB));
            assertFalse(policy.hasOnProxy(steve, WEB), "granted with server=survival only: not on the proxy");
            assertFalse(policy.hasOnProxy(alex, SEARCH));
            luckPerms.revokeGlobally(alex, WEB);
            assertFalse(policy.hasOnProxy(alex, WEB), "a revocation counts at the next check");
        }
    }

    @Test
    void anOfflinePlayerIsAnsweredOnlyOnceLoadedThenLikeAnOnlineOne() {
        luckPerms.grantGlobally(alex, WEB).grant(alex, "survival", SEARCH).offline(alex);
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertFalse(policy.hasOnProxy(alex, WEB), "not held by LuckPerms: no rights");
            assertFalse(policy.has(alex, "survival", SEARCH));

            policy.load(alex).join();
            assertEquals(1, luckPerms.loads());
            assertTrue(policy.hasOnProxy(alex, WEB));
            assertTrue(policy.has(alex, "survival", SEARCH), "the per-backend check answers for the loaded user too");
            assertFalse(policy.has(alex, "creative", SEARCH));

            policy.load(alex).join();
            assertEquals(1, luckPerms.loads(), "a loaded (or online) user is not read from storage again");
        }
    }

    @Test
    void aUuidLuckPermsNeverSawLoadsWithNoRights() {
        UUID stranger = UUID.randomUUID();
        luckPerms.offline(stranger);
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            policy.load(stranger).join();
            assertFalse(policy.hasOnProxy(stranger, WEB));
            assertFalse(policy.has(stranger, "survival", SEARCH));
        }
    }
}
