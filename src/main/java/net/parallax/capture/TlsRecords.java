package net.parallax.capture;

/**
 * The TLS record facts the display filter reads (tls.record.*, tls.handshake.type, the server name),
 * with the same tests as the detail tree's TLS dissection, so that a filter and the tree agree on
 * what is TLS. Callers read the bytes themselves (a few per record) and pass them in; every method
 * stays inside {@code b[off..end)}.
 */
public final class TlsRecords {
    /** Bytes of a record header: content type (1), version (2), length (2) (RFC 8446 §5.1). */
    public static final int HEADER = 5;
    /** A record's largest length the dissection accepts (TLS 1.2 ciphertext: 2^14 + 2048). */
    public static final int MAX_RECORD = TlsDissector.MAX_RECORD;

    private TlsRecords() {
    }

    /** True when {@code b[off..off+len)} starts with a plausible TLS record header (as the detail tree decides). */
    public static boolean isRecordHeader(byte[] b, int off, int len) {
        return TlsDissector.looksLikeTls(b, off, len);
    }

    /**
     * True when the handshake messages of a record body {@code b[body .. body + length)} fill it exactly
     * (each a type byte and a 24-bit length, RFC 8446 §4): a plaintext record. An encrypted Finished (after
     * Change Cipher Spec) almost never does — its first bytes are ciphertext — and is what Wireshark calls
     * an "Encrypted Handshake Message". The body must lie inside {@code b}.
     */
    public static boolean handshakeMessagesFill(byte[] b, int body, int length) {
        int q = 0;
        while (q + 4 <= length) {
            int len = ((b[body + q + 1] & 0xff) << 16) | ((b[body + q + 2] & 0xff) << 8) | (b[body + q + 3] & 0xff);
            if (len > length - q - 4) {
                return false;
            }
            q += 4 + len;
        }
        return q == length && length > 0;
    }

    /**
     * The host name of the server_name extension of a Client Hello whose body (after the 4-byte handshake
     * header) is {@code b[body..end)}, or null when it has none or is cut short.
     */
    public static String clientHelloServerName(byte[] b, int body, int end) {
        if (body < 0 || end > b.length || end - body < 34) {
            return null;
        }
        return TlsDissector.serverName(b, body + 34, end);
    }
}
