package net.ledgernet.config;

import java.time.Duration;

/**
 * Limits on what clients may ask of the proxy and the databases.
 *
 * <p>config.yml bounds (checked by the parser): max-pages 1 to 100, page-size 1 to 100,
 * rate-limit.per-second 0.01 to 1000, rate-limit.burst 1 to 1000, max-in-flight-per-player 1 to 16,
 * max-fan-outs-in-flight 1 to 256, max-payload-bytes 64 to 32767, backend-deadline 250ms to 10m,
 * max-player-uuids 1 to {@value #MAX_PLAYER_UUIDS}.
 *
 * @param maxPlayerUuids players one player lookup ({@code ledger:player}) may ask for; a larger one is refused
 */
public record Limits(
        int maxPages,
        int pageSize,
        double ratePerSecond,
        int rateBurst,
        int maxInFlightPerPlayer,
        int maxFanOutsInFlight,
        int maxPayloadBytes,
        Duration backendDeadline,
        int maxPlayerUuids) {
    /** Minecraft's own cap on a serverbound custom payload. */
    public static final int MINECRAFT_MAX_C2S_PAYLOAD = 32767;
    /** As many as one serverbound payload can carry (16 bytes each after the count). */
    public static final int MAX_PLAYER_UUIDS = (MINECRAFT_MAX_C2S_PAYLOAD - 4) / 16;
    /**
     * Each player costs one or two indexed queries on the backend of their latest join; 500 is far more
     * than a client asks for (the players in view) and answers within a second.
     */
    public static final int DEFAULT_MAX_PLAYER_UUIDS = 500;

    /** Limits with the default {@code max-player-uuids}. */
    public Limits(int maxPages, int pageSize, double ratePerSecond, int rateBurst, int maxInFlightPerPlayer,
                  int maxFanOutsInFlight, int maxPayloadBytes, Duration backendDeadline) {
        this(maxPages, pageSize, ratePerSecond, rateBurst, maxInFlightPerPlayer, maxFanOutsInFlight, maxPayloadBytes,
                backendDeadline, DEFAULT_MAX_PLAYER_UUIDS);
    }
}
