package net.ledgernet.config;

import java.time.Duration;

/** Limits on what clients may ask of the proxy and the databases. */
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
