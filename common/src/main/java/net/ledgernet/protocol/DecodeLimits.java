package net.ledgernet.protocol;

/**
 * Bounds checked before anything is read or allocated.
 *
 * @param maxC2SPayloadBytes serverbound custom payload limit (Minecraft: 32767)
 * @param maxS2CPayloadBytes clientbound custom payload limit (Minecraft: 1 MiB)
 * @param maxStringChars     String limit in UTF-16 units; the byte prefix may be at most 3x this (Minecraft: 32767)
 * @param maxListEntries     int-counted lists (action types, UUIDs). Minecraft has no such limit (Ledger reads a
 *                           plain int and loops); 4096 is ours, far above Ledger's ~25 action types
 * @param maxNbtDepth        nested compounds/lists, root included (Minecraft's NbtAccounter: 512)
 * @param maxNbtBytes        NBT bytes per payload (Minecraft's readNbt quota: 2 MiB)
 */
public record DecodeLimits(int maxC2SPayloadBytes, int maxS2CPayloadBytes, int maxStringChars,
                           int maxListEntries, int maxNbtDepth, int maxNbtBytes) {

    public static final DecodeLimits MINECRAFT = new DecodeLimits(32767, 1 << 20, 32767, 4096, 512, 2 << 20);

    public DecodeLimits {
        if (maxC2SPayloadBytes < 0 || maxS2CPayloadBytes < 0 || maxListEntries < 0
                || maxStringChars < 0 || maxStringChars > Integer.MAX_VALUE / 3
                || maxNbtDepth < 1 || maxNbtBytes < 1) {
            throw new IllegalArgumentException("invalid decode limits");
        }
    }
}
