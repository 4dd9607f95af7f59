package net.ledgernet.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@code actions} row of one backend, with every lookup id resolved through that backend's
 * caches: what a {@code ledger:action} packet needs (dimension still backend-local). An id missing
 * from its lookup table even after a reload (a broken database) reads as {@code ledgernet:unknown/<id>}.
 */
public record ActionRow(
        String backend,
        long id,
        Instant time,
        String action,
        int x,
        int y,
        int z,
        String world,
        String object,
        String oldObject,
        String source,
        Optional<UUID> playerUuid,
        Optional<String> playerName,
        Optional<String> extraData,
        boolean rolledBack) {

    public ActionRow {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(playerUuid, "playerUuid");
        Objects.requireNonNull(playerName, "playerName");
        Objects.requireNonNull(extraData, "extraData");
    }

    /** What Ledger shows as the source: the player's name when a player was involved, else {@code @source}. */
    public String sourceLabel() {
        return playerName.orElse("@" + source);
    }
}
