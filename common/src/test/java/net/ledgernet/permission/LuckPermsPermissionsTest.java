package net.ledgernet.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import net.ledgernet.command.FakeLuckPerms;
import org.junit.jupiter.api.Test;

/** The LuckPerms policy against the LuckPerms API (mocked, as the proxy platforms are): contexts and cache. */
class LuckPermsPermissionsTest {
    private final UUID alex = UUID.randomUUID();
    private final FakeLuckPerms luckPerms = FakeLuckPerms.create();

    @Test
    void aNodeIsCheckedInTheContextOfTheTargetBackend() {
        // The fake grants only when server= and world= both name the backend, as the policy must set them.
        luckPerms.grant(alex, "survival", "ledger.commands.search");
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertTrue(policy.has(alex, "survival", "ledger.commands.search"));
            assertFalse(policy.has(alex, "creative", "ledger.commands.search"));
            assertFalse(policy.has(alex, "survival", "ledger.commands.purge"));
        }
    }

    @Test
    void answersAreCachedUntilLuckPermsRecalculatesThePlayerOrThePlayerLeaves() {
        try (LuckPermsPermissions policy = new LuckPermsPermissions(luckPerms.api())) {
            assertEquals(1, luckPerms.subscribers());
            assertFalse(policy.has(alex, "survival", "ledger.commands.rollback"));
            luckPerms.grant(alex, "survival", "ledger.commands.rollback");
            assertFalse(policy.has(alex, "survival", "ledger.commands.rollback"), "cached");
            assertEquals(1, luckPerms.lookups());

            luckPerms.recalculate(alex);
            assertTrue(policy.has(alex, "survival", "ledger.commands.rollback"), "asked again after recalculation");
            assertEquals(2, luckPerms.lookups());

            luckPerms.revoke(alex, "survival", "ledger.commands.rollback");
            policy.forget(alex);
            assertFalse(policy.has(alex, "survival", "ledger.commands.rollback"), "forgotten when the player leaves");
        }
        assertEquals(0, luckPerms.subscribers(), "closing the policy unsubscribes");
    }
}
