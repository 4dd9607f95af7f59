package net.ledgernet.config;

import java.time.ZoneId;
import java.util.Optional;

/**
 * One backend server and its Ledger database.
 *
 * @param name          the proxy's name for the server
 * @param ledgerVersion the configured Ledger version, or empty to learn it from the handshake
 * @param legacyNbt     the backend runs Minecraft 1.20.1 or older (named-root handshake NBT)
 * @param rollbackAsCommand a rollback/restore/purge packet for a backend that would misread it (Ledger
 *                      1.3.2+, or unknown) runs as the player's own /lg command; false refuses it
 */
public record BackendConfig(
        String name, DatabaseTarget database, ZoneId timeZone, Optional<String> ledgerVersion, boolean legacyNbt,
        boolean rollbackAsCommand) {
}
