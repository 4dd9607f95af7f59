package net.ledgernet.web;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.permission.PermissionPolicy;

/**
 * Who may use the web console, asked before every request: the operator (the CLI's viewer) always; a
 * player while they hold {@code command.permissions.web} on the proxy, checked with LedgerNet's running
 * permission policy. With LuckPerms an offline player is loaded first, so they may keep using the console
 * after leaving and every per-backend check that follows answers for them too; without LuckPerms only an
 * online player can be checked, so the console answers a player only while they are online.
 */
public final class ConsoleAccess implements WebAccess {
    /** A permission storage that does not answer (LuckPerms on a database that is down) refuses, not hangs. */
    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(5);

    private final LedgerNetCore core;

    public ConsoleAccess(LedgerNetCore core) {
        this.core = core;
    }

    @Override
    public CompletableFuture<Boolean> mayUse(WebViewer viewer) {
        if (viewer.player().isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        // The running policy and node: both change on reload, so they are read per request.
        Optional<PermissionPolicy> policy = core.permissions();
        Optional<String> node = core.config().map(LedgerNetConfig::command).map(c -> c.permissions().web());
        if (policy.isEmpty() || node.isEmpty()) {
            return CompletableFuture.completedFuture(false); // LedgerNet is not running: nothing is allowed
        }
        UUID player = viewer.player().get();
        try {
            return policy.get().load(player)
                    .orTimeout(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(loaded -> policy.get().hasOnProxy(player, node.get()))
                    .exceptionally(failed -> false);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
    }
}
