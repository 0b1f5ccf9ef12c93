package net.parallax.capture;

import java.util.ArrayList;
import java.util.List;
import net.parallax.capture.DissectedPacket.Field;

/**
 * TLS records in a TCP segment, for the detail tree, with Wireshark's field names (tls.record.*,
 * tls.handshake.*, tls.app_data). Only a segment that begins with a record header is taken as TLS;
 * a record longer than the segment shows its header and says that it continues (Parallax does not
 * reassemble TCP streams). Nothing is decrypted. Every length is checked against the bytes present.
 */
final class TlsDissector {
    /** A record's largest legal length (RFC 8446 §5.2: 2^14 + 256; TLS 1.2 ciphertext up to 2^14 + 2048). */
    static final int MAX_RECORD = (1 << 14) + 2048;

    private TlsDissector() {
    }

    /** True when {@code b[off..off+len)} starts with a plausible TLS record header. */
    static boolean looksLikeTls(byte[] b, int off, int len) {
        if (len < 5 || off < 0 || off + 5 > b.length) {
            return false;
        }
        int type = b[off] & 0xff;
        int major = b[off + 1] & 0xff;
        int minor = b[off + 2] & 0xff;
        int length = FrameDecoder.u16(b, off + 3);
        return type >= 20 && type <= 23 && major == 3 && minor <= 4 && length > 0 && length <= MAX_RECORD;
    }

    /** The "tls" node of the segment's records (bytes past the last whole record shown as continuation data). */
    static Field dissect(byte[] b, int off, int len) {
        int end = Math.min(b.length, off + len);
        List<Field> records = new ArrayList<>();
        int p = off;
        while (p < end) {
            if (!looksLikeTls(b, p, end - p)) {
                records.add(new Field("tls.segment.data", "TLS segment data (" + (end - p) + " bytes)", p, end - p));
                break;
            }
            int type = b[p] & 0xff;
            int version = FrameDecoder.u16(b, p + 1);
            int length = FrameDecoder.u16(b, p + 3);
            int have = Math.min(length, end - p - 5);
            List<Field> ch = new ArrayList<>();
            ch.add(new Field("tls.record.content_type", "Content Type: " + contentType(type) + " (" + type + ")", p, 1));
            ch.add(new Field("tls.record.version", "Version: " + versionName(version) + String.format(" (0x%04x)", version), p + 1, 2));
            ch.add(new Field("tls.record.length", "Length: " + length, p + 3, 2));
            String summary = contentType(type) + " Protocol";
            if (type == 22 && encryptedHandshake(b, p + 5, have, length)) {
                ch.add(new Field("tls.handshake", "Handshake Protocol: Encrypted Handshake Message", p + 5, have));
                summary += ": Encrypted Handshake Message";
            } else if (type == 22 && have >= 4) {
                Field hs = handshake(b, p + 5, have, length > have);
                ch.add(hs);
                summary += ": " + hs.label().replaceFirst("^Handshake Protocol: ", "");
            } else if (type == 23) {
                ch.add(new Field("tls.app_data", "Encrypted Application Data: " + PacketDissector.hexPreview(b, p + 5, have), p + 5, have));
            } else if (type == 21 && have >= 2 && length == 2) {
                ch.add(new Field("tls.alert_message", "Alert Message: level " + (b[p + 5] & 0xff) + ", description "
                        + (b[p + 6] & 0xff), p + 5, 2));
            } else if (type == 20) {
                ch.add(new Field("tls.change_cipher_spec", "Change Cipher Spec Message", p + 5, have));
            }
            if (length > have) {
                ch.add(new Field("tls.record.continues", "[Record continues past this segment: " + have + " of " + length
                        + " bytes here]", p + 5, 0));
            }
            records.add(new Field("tls.record", recordVersionLabel(version) + " Record Layer: " + summary, p, 5 + have, ch));
            p += 5 + have;
        }
        return new Field("tls", "Transport Layer Security", off, end - off, records);
    }

    /**
     * Wireshark's Protocol and Info columns for a segment that begins with TLS records: the first
     * record's version ("TLSv1.2") and the records' messages ("Client Hello", "Server Hello, Change
     * Cipher Spec, Encrypted Handshake Message", "Application Data"); null when it does not. Only
     * records complete in the segment count: as in Wireshark, a message belongs to the frame where
     * it ends (a segment holding only the start of a record is a TCP segment of a larger PDU).
     */
    static String[] summary(byte[] b, int off, int len) {
        int end = Math.min(b.length, off + len);
        if (!looksLikeTls(b, off, end - off)) {
            return null;
        }
        java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
        int p = off;
        while (p < end && looksLikeTls(b, p, end - p)) {
            int type = b[p] & 0xff;
            int length = FrameDecoder.u16(b, p + 3);
            if (p + 5 + length > end) {
                break;
            }
            parts.add(type == 22 ? (encryptedHandshake(b, p + 5, length, length) ? "Encrypted Handshake Message" : handshakeType(b[p + 5] & 0xff))
                    : type == 20 ? "Change Cipher Spec" : type == 21 ? "Alert" : type == 23 ? "Application Data" : "Unknown");
            p += 5 + length;
        }
        if (parts.isEmpty()) {
            return null;
        }
        return new String[] {recordVersionLabel(FrameDecoder.u16(b, off + 1)), String.join(", ", parts)};
    }

    /**
     * A handshake record of {@code length} bytes whose first {@code have} are at {@code b[at]} is
     * encrypted (the Finished after Change Cipher Spec) when, whole, its messages do not fill it
     * ({@link TlsRecords#handshakeMessagesFill}), or, cut short by the segment, its first message would
     * not fit in it.
     */
    private static boolean encryptedHandshake(byte[] b, int at, int have, int length) {
        if (have >= length) {
            return !TlsRecords.handshakeMessagesFill(b, at, length);
        }
        if (have < 4) {
            return false;
        }
        int first = ((b[at + 1] & 0xff) << 16) | FrameDecoder.u16(b, at + 2);
        return first > length - 4;
    }

    private static Field handshake(byte[] b, int at, int have, boolean cutShort) {
        int type = b[at] & 0xff;
        int length = ((b[at + 1] & 0xff) << 16) | FrameDecoder.u16(b, at + 2);
        String name = handshakeType(type);
        List<Field> ch = new ArrayList<>();
        ch.add(new Field("tls.handshake.type", "Handshake Type: " + name + " (" + type + ")", at, 1));
        ch.add(new Field("tls.handshake.length", "Length: " + length, at + 1, 3));
        int body = at + 4;
        int bodyEnd = at + Math.min(have, 4 + length);
        if ((type == 1 || type == 2) && bodyEnd - body >= 34) {
            int v = FrameDecoder.u16(b, body);
            ch.add(new Field("tls.handshake.version", "Version: " + versionName(v) + String.format(" (0x%04x)", v), body, 2));
            ch.add(new Field("tls.handshake.random", "Random: " + PacketDissector.hexPreview(b, body + 2, 32), body + 2, 32));
            if (type == 1) {
                String sni = serverName(b, body + 34, bodyEnd);
                if (sni != null) {
                    ch.add(new Field("tls.handshake.extensions_server_name", "Server Name: " + sni, body + 34, 0));
                }
            }
        }
        if (!cutShort && have > 4 + length && length > 0) {
            name += " (and more handshake messages)";
        }
        return new Field("tls.handshake", "Handshake Protocol: " + name, at, Math.min(have, 4 + length), ch);
    }

    /** The server_name extension's host name of a Client Hello body after its random, or null. */
    static String serverName(byte[] b, int p, int end) {
        try {
            int q = p;
            q += 1 + (b[q] & 0xff); // session id
            q += 2 + FrameDecoder.u16(b, q); // cipher suites
            q += 1 + (b[q] & 0xff); // compression methods
            if (q + 2 > end) {
                return null;
            }
            int extEnd = Math.min(end, q + 2 + FrameDecoder.u16(b, q));
            q += 2;
            while (q + 4 <= extEnd) {
                int type = FrameDecoder.u16(b, q);
                int len = FrameDecoder.u16(b, q + 2);
                if (type == 0 && q + 4 + len <= extEnd && len >= 5) {
                    int nameLen = FrameDecoder.u16(b, q + 7);
                    if ((b[q + 6] & 0xff) == 0 && q + 9 + nameLen <= extEnd) {
                        StringBuilder s = new StringBuilder(nameLen);
                        for (int k = 0; k < nameLen; k++) {
                            int ch = b[q + 9 + k] & 0xff;
                            s.append(ch >= 0x20 && ch < 0x7f ? (char) ch : '?');
                        }
                        return s.toString();
                    }
                    return null;
                }
                q += 4 + len;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return null; // a hello cut short
        }
        return null;
    }

    private static String contentType(int t) {
        return switch (t) {
            case 20 -> "Change Cipher Spec";
            case 21 -> "Alert";
            case 22 -> "Handshake";
            case 23 -> "Application Data";
            default -> "Unknown";
        };
    }

    private static String handshakeType(int t) {
        return switch (t) {
            case 0 -> "Hello Request";
            case 1 -> "Client Hello";
            case 2 -> "Server Hello";
            case 4 -> "New Session Ticket";
            case 8 -> "Encrypted Extensions";
            case 11 -> "Certificate";
            case 12 -> "Server Key Exchange";
            case 13 -> "Certificate Request";
            case 14 -> "Server Hello Done";
            case 15 -> "Certificate Verify";
            case 16 -> "Client Key Exchange";
            case 20 -> "Finished";
            default -> "Encrypted Handshake Message";
        };
    }

    private static String versionName(int v) {
        return switch (v) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> "Unknown";
        };
    }

    private static String recordVersionLabel(int v) {
        return switch (v) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> "TLS";
        };
    }
}
