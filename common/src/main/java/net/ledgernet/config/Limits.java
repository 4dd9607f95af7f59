package net.ledgernet.config;

import java.time.Duration;

/**
 * Limits on what clients may ask of the proxy and the databases.
 *
 * <p>config.yml bounds (checked by the parser): max-pages 1 to 100, page-size 1 to 100,
 * rate-limit.per-second 0.01 to 1000, rate-limit.burst 1 to 1000, max-in-flight-per-player 1 to 16,
 * max-fan-outs-in-flight 1 to 256, max-payload-bytes 64 to 32767, backend-deadline 250ms to 10m.
 */
public record Limits(
        int maxPages,
        int pageSize,
        double ratePerSecond,
        int rateBurst,
        int maxInFlightPerPlayer,
        int maxFanOutsInFlight,
        int maxPayloadBytes,
        Duration backendDeadline) {
    /** Minecraft's own cap on a serverbound custom payload. */
    public static final int MINECRAFT_MAX_C2S_PAYLOAD = 32767;
}
