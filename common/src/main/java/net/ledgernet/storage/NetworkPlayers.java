package net.ledgernet.storage;

import java.time.Duration;
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

    /**
     * Known players in the order asked (unknown UUIDs are left out), the backends that did not answer,
     * and the players found whose answer could not be completed.
     *
     * @param unanswered players found in a {@code players} table whose position query did not run or
     *                   failed on the backend of their latest join (in the order asked, with why): they
     *                   are not in {@code players}, and an answer that leaves them out must say so
     */
    public record Result(List<NetworkPlayer> players, Map<String, BackendFailure> missing,
                         Map<UUID, BackendFailure> unanswered) {
        public Result {
            players = List.copyOf(players);
            missing = Map.copyOf(missing);
            unanswered = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unanswered));
        }

        public Result(List<NetworkPlayer> players, Map<String, BackendFailure> missing) {
            this(players, missing, Map.of());
        }

        /** Whether every player asked for was answered or is unknown to every backend that answered. */
        public boolean complete() {
            return missing.isEmpty() && unanswered.isEmpty();
        }
    }

    private record Seen(String backend, PlayerDirectory.PlayerRecord record) {
    }

    private NetworkPlayers() {
    }

    /**
     * Looks the players up on {@code backends} (all of the fan-out's when empty): one request per
     * backend for the {@code players} rows, then one request per backend of a latest join for the
     * positions of all its players ({@link BackendReader#positionsNear}, batched). Nothing is dropped
     * silently: a player whose position request was refused, failed or ran out of time is in
     * {@link Result#unanswered()}.
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
            // The latest join decides the backend whose actions give the position.
            Map<UUID, Seen> latest = new HashMap<>();
            Map<String, Map<Integer, Instant>> perBackend = new TreeMap<>();
            byUuid.forEach((uuid, seen) -> {
                Seen l = seen.stream().max(Comparator.comparing((Seen s) -> s.record.lastJoin())
                        .thenComparing(s -> s.backend, Comparator.reverseOrder())).orElseThrow();
                latest.put(uuid, l);
                perBackend.computeIfAbsent(l.backend, b -> new java.util.LinkedHashMap<>())
                        .put(l.record.id(), l.record.lastJoin());
            });
            Map<String, Map<Integer, Optional<LastPosition>>> answered = new TreeMap<>();
            Map<String, CompletableFuture<Void>> positions = new TreeMap<>();
            Duration deadline = fanOut.settings().backendDeadline();
            perBackend.forEach((backend, lastJoins) -> {
                Map<Integer, Optional<LastPosition>> into = new java.util.concurrent.ConcurrentHashMap<>();
                answered.put(backend, into);
                // No new chunk after three quarters of the deadline: the last one must still fit.
                long stopAt = System.nanoTime() + deadline.toNanos() / 4 * 3;
                positions.put(backend, fanOut.reader(backend).orElseThrow().call((c, r) -> {
                    r.positionsNear(c, lastJoins, into, stopAt);
                    return null;
                }, deadline));
            });
            Map<String, BackendFailure> positionFailures = new TreeMap<>();
            return settle(positions, positionFailures).thenApply(ignored -> {
                List<NetworkPlayer> players = new ArrayList<>();
                Map<UUID, BackendFailure> unanswered = new java.util.LinkedHashMap<>();
                for (UUID uuid : wanted) {
                    List<Seen> seen = byUuid.get(uuid);
                    if (seen == null) {
                        continue;
                    }
                    Seen l = latest.get(uuid);
                    Optional<LastPosition> position = answered.get(l.backend).get(l.record.id());
                    if (position == null) {
                        unanswered.put(uuid, positionFailures.getOrDefault(l.backend,
                                new BackendFailure(BackendFailure.Reason.TIMEOUT, "not reached within the deadline")));
                        continue;
                    }
                    Instant firstJoin = seen.stream().map(s -> s.record.firstJoin()).min(Comparator.naturalOrder())
                            .orElseThrow();
                    players.add(new NetworkPlayer(uuid, l.record.name(), firstJoin, l.record.lastJoin(), l.backend,
                            position));
                }
                return new Result(players, missing, unanswered);
            });
        });
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
                            missing.put(backend, ActionFanOut.failureOf(e));
                        }
                    });
                    return out;
                });
    }
}
