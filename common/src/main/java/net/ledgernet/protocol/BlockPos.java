package net.ledgernet.protocol;

/**
 * A block position as Minecraft packs it into one long: x in the top 26 bits, z in the middle 26, y in the low 12.
 * Out-of-range coordinates are rejected here, so every BlockPos can be encoded without loss.
 */
public record BlockPos(int x, int y, int z) {

    public static final int MIN_XZ = -(1 << 25);
    public static final int MAX_XZ = (1 << 25) - 1;
    public static final int MIN_Y = -(1 << 11);
    public static final int MAX_Y = (1 << 11) - 1;

    public BlockPos {
        if (x < MIN_XZ || x > MAX_XZ || z < MIN_XZ || z > MAX_XZ || y < MIN_Y || y > MAX_Y) {
            throw new IllegalArgumentException("BlockPos out of packable range: " + x + ", " + y + ", " + z);
        }
    }

    /** Minecraft's {@code BlockPos.asLong()}. */
    public long asLong() {
        return ((x & 0x3FFFFFFL) << 38) | ((z & 0x3FFFFFFL) << 12) | (y & 0xFFFL);
    }

    /** Inverse of {@link #asLong()}; every long is a valid position (sign-extended fields). */
    public static BlockPos fromLong(long packed) {
        return new BlockPos((int) (packed >> 38), (int) ((packed << 52) >> 52), (int) ((packed << 26) >> 38));
    }
}
