package net.ledgernet.protocol;

import java.util.Arrays;
import java.util.Random;

/** Byte-level mutations of valid payloads, biased toward the values that break length and count fields. */
final class Mutator {

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x02, 0x7F, 0x80, 0xFF, 0x0A, 0x09, 0x08, 0x03};
    private static final int[] INTERESTING_INTS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFF, 0x8000,
            0xFFFF, 4096, 4097};

    private Mutator() {
    }

    static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid;
        int rounds = 1 + r.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            b = mutateOnce(b, r);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, Random r) {
        int n = b.length;
        switch (r.nextInt(8)) {
            case 0: // flip one bit
                if (n > 0) {
                    b = b.clone();
                    b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case 1: // interesting byte
                if (n > 0) {
                    b = b.clone();
                    b[r.nextInt(n)] = (byte) INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                }
                return b;
            case 2: // interesting big-endian int over any 4 bytes
                if (n >= 4) {
                    b = b.clone();
                    int at = r.nextInt(n - 3);
                    int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
                    b[at] = (byte) (v >>> 24);
                    b[at + 1] = (byte) (v >>> 16);
                    b[at + 2] = (byte) (v >>> 8);
                    b[at + 3] = (byte) v;
                }
                return b;
            case 3: { // insert a byte
                int at = r.nextInt(n + 1);
                byte[] c = new byte[n + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) r.nextInt(256);
                System.arraycopy(b, at, c, at + 1, n - at);
                return c;
            }
            case 4: { // delete a byte
                if (n == 0) {
                    return b;
                }
                int at = r.nextInt(n);
                byte[] c = new byte[n - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, n - 1 - at);
                return c;
            }
            case 5: // truncate
                return Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
            case 6: { // append random bytes
                byte[] c = Arrays.copyOf(b, n + 1 + r.nextInt(8));
                for (int i = n; i < c.length; i++) {
                    c[i] = (byte) r.nextInt(256);
                }
                return c;
            }
            default: { // duplicate a chunk
                if (n == 0) {
                    return b;
                }
                int from = r.nextInt(n);
                int len = 1 + r.nextInt(Math.min(16, n - from));
                int at = r.nextInt(n + 1);
                byte[] c = new byte[n + len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, from, c, at, len);
                System.arraycopy(b, at, c, at + len, n - at);
                return c;
            }
        }
    }

    static byte[] random(Random r, int maxLen) {
        byte[] b = new byte[r.nextInt(maxLen + 1)];
        r.nextBytes(b);
        return b;
    }
}
