package net.ledgernet.web;

import java.util.concurrent.CompletableFuture;

/** The live permission check before every request (implemented by the platforms; tests may pass a lambda). */
@FunctionalInterface
public interface WebAccess {
    /**
     * Whether this viewer may use the console now (node ledgernet.command.web on the proxy).
     * Completes after the permission source holds the player's data, so the per-backend checks that
     * NetworkQueries then makes (PermissionPolicy.has) answer for an offline player too (LuckPerms
     * loads offline users; without LuckPerms only an online player can be checked: false otherwise).
     * The operator viewer is always allowed.
     */
    CompletableFuture<Boolean> mayUse(WebViewer viewer);
}
