package net.ledgernet.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code ledger:player} answer (design.md; ledger.md §3.5): a player as seen by the whole network.
 * Each backend's {@code players} row gives first and last join; the network values are the earliest
 * first join and the latest last join, and the name is the one stored by the backend of that latest
 * join (Ledger rewrites {@code player_name} on every join, so it is the newest name).
 *
 * <p><b>Last-join position.</b> Ledger records no join position. It is derived on the backend of the
 * latest join from the player's first logged action at or after that join ({@link
 * Basis#FIRST_ACTION_AFTER_LAST_JOIN}: the player was there shortly after joining). Fallback when the
 * player did nothing loggable since: the last action before that join ({@link
 * Basis#LAST_ACTION_BEFORE_LAST_JOIN}: where they last did something, usually near where they logged
 * out and so rejoined). No action at all on that backend: no position.
 */
public final class NetworkPlayers {
    public enum Basis { FIRST_ACTION_AFTER_LAST_JOIN, LAST_ACTION_BEFORE_LAST_JOIN }

    /** A position derived from a logged action; the dimension is backend-local (rewrite before sending). */
    public record LastPosition(String backend, String world, int x, int y, int z, Instant actionTime, Basis basis) {
    }

    public record NetworkPlayer(UUID uuid, String name, Instant firstJoin, Instant lastJoin, String lastBackend,
                                Optional<LastPosition> lastJoinPosition) {
        public NetworkPlayer {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(lastJoinPosition, "lastJoinPosition");
        }
    }

    /** Known players in the order asked (unknown UUIDs are left out), and the backends that did not answer. */
    public record Result(List<NetworkPlayer> players, Map<String, BackendFailure> missing) {
        public Result {
            players = List.copyOf(players);
            missing = Map.copyOf(missing);
        }
    }

    private record Seen(String backend, PlayerDirectory.PlayerRecord record) {
    }

    private NetworkPlayers() {
    }

    /**
     * Looks the players up on {@code backends} (all of the fan-out's when empty): one query per backend,
     * then one or two position queries per player on the backend of the latest join only.
     */
    public static CompletableFuture<Result> lookup(ActionFanOut fanOut, Collection<UUID> uuids,
                                                   Collection<String> backends) {
        List<UUID> wanted = List.copyOf(new LinkedHashSet<>(uuids));
        Map<String, BackendFailure> missing = new TreeMap<>();
        Map<String, CompletableFuture<List<PlayerDirectory.PlayerRecord>>> pending = new TreeMap<>();
        Collection<String> targets = backends.isEmpty()
                ? fanOut.readers().stream().map(BackendReader::backend).toList() : backends;
        for (String backend : targets) {
            Optional<BackendReader> reader = fanOut.reader(backend);
            if (reader.isEmpty()) {
                missing.put(backend, new BackendFailure(BackendFailure.Reason.UNKNOWN_BACKEND,
                        "no Ledger database configured for " + backend));
            } else if (!wanted.isEmpty()) {
                pending.put(backend, reader.get().call((c, r) -> r.players(c).byUuids(wanted, c)));
            }
        }
        return settle(pending, missing).thenCompose(found -> {
            Map<UUID, List<Seen>> byUuid = new HashMap<>();
            found.forEach((backend, records) -> records.forEach(p ->
                    byUuid.computeIfAbsent(p.uuid(), u -> new ArrayList<>()).add(new Seen(backend, p))));
            List<CompletableFuture<NetworkPlayer>> players = new ArrayList<>();
            for (UUID uuid : wanted) {
                List<Seen> seen = byUuid.get(uuid);
                if (seen != null) {
                    players.add(combine(fanOut, uuid, seen));
                }
            }
            return CompletableFuture.allOf(players.toArray(CompletableFuture[]::new))
                    .thenApply(v -> new Result(players.stream().map(CompletableFuture::join).toList(), missing));
        });
    }

    private static CompletableFuture<NetworkPlayer> combine(ActionFanOut fanOut, UUID uuid, List<Seen> seen) {
        Seen latest = seen.stream().max(Comparator.comparing((Seen s) -> s.record.lastJoin())
                .thenComparing(s -> s.backend, Comparator.reverseOrder())).orElseThrow();
        Instant firstJoin = seen.stream().map(s -> s.record.firstJoin()).min(Comparator.naturalOrder()).orElseThrow();
        BackendReader reader = fanOut.reader(latest.backend).orElseThrow();
        return reader.call((c, r) -> r.positionNear(c, latest.record.id(), latest.record.lastJoin()))
                // A position is a nicety: a failure leaves it out instead of losing the player.
                .exceptionally(e -> Optional.empty())
                .thenApply(position -> new NetworkPlayer(uuid, latest.record.name(), firstJoin,
                        latest.record.lastJoin(), latest.backend, position));
    }

    private static <T> CompletableFuture<Map<String, T>> settle(Map<String, CompletableFuture<T>> pending,
                                                                Map<String, BackendFailure> missing) {
        return CompletableFuture.allOf(pending.values().stream().map(f -> f.handle((v, e) -> null))
                .toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                    Map<String, T> out = new TreeMap<>();
                    pending.forEach((backend, f) -> {
                        try {
                            out.put(backend, f.join());
                        } catch (CompletionException e) {
                            missing.put(backend, e.getCause() instanceof BackendUnavailableException u ? u.failure()
                                    : new BackendFailure(BackendFailure.Reason.ERROR, String.valueOf(e.getCause())));
                        }
                    });
                    return out;
                });
    }
}
