package net.parallax.capture;

/** Integers into a byte array in either byte order, for the capture writers. */
final class WriterBytes {
    private WriterBytes() {
    }

    static int put32(byte[] b, int p, int v, boolean little) {
        if (little) {
            b[p] = (byte) v;
            b[p + 1] = (byte) (v >>> 8);
            b[p + 2] = (byte) (v >>> 16);
            b[p + 3] = (byte) (v >>> 24);
        } else {
            b[p] = (byte) (v >>> 24);
            b[p + 1] = (byte) (v >>> 16);
            b[p + 2] = (byte) (v >>> 8);
            b[p + 3] = (byte) v;
        }
        return p + 4;
    }

    static int put16(byte[] b, int p, int v, boolean little) {
        if (little) {
            b[p] = (byte) v;
            b[p + 1] = (byte) (v >>> 8);
        } else {
            b[p] = (byte) (v >>> 8);
            b[p + 1] = (byte) v;
        }
        return p + 2;
    }
}
