package net.parallax.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address, immutable. */
public final class IpAddress implements Comparable<IpAddress> {
    private final byte[] bytes;
    private final int hash;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static IpAddress of(byte[] bytes) {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        return new IpAddress(bytes.clone());
    }

    public static IpAddress ofIpv4(int address) {
        return new IpAddress(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    /** Parses a literal "a.b.c.d" or an IPv6 literal; never resolves a name. */
    public static IpAddress parse(String literal) {
        String s = literal.trim();
        if (s.isEmpty() || !(s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        if (s.indexOf(':') < 0) {
            return of(dottedQuad(s, literal));
        }
        try {
            // With a ':' the JDK parses an IPv6 literal and never looks up a name.
            return of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }

    /** Exactly four decimal octets: a digits-and-dots string the JDK cannot parse would be looked up as a name. */
    private static byte[] dottedQuad(String s, String literal) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("not an IP address literal: " + literal);
            }
            b[i] = (byte) Integer.parseInt(p);
        }
        return b;
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    public int ipv4Int() {
        if (!isIpv4()) {
            throw new IllegalStateException("not IPv4");
        }
        return (byteAt(0) << 24) | (byteAt(1) << 16) | (byteAt(2) << 8) | byteAt(3);
    }

    String endpoint(int port, boolean withPort) {
        if (!withPort) {
            return toString();
        }
        return isIpv4() ? this + ":" + port : "[" + this + "]:" + port;
    }

    @Override
    public String toString() {
        if (isIpv4()) {
            return byteAt(0) + "." + byteAt(1) + "." + byteAt(2) + "." + byteAt(3);
        }
        try {
            String s = InetAddress.getByAddress(bytes).getHostAddress();
            return compressIpv6(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String compressIpv6(String full) {
        // InetAddress prints 2001:db8:0:0:0:0:0:1; Wireshark prints the RFC 5952 form 2001:db8::1.
        String[] parts = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            sb.append(i > 0 ? ":" : "").append(parts[i]);
        }
        sb.append("::");
        for (int i = bestStart + bestLen; i < parts.length; i++) {
            sb.append(parts[i]).append(i < parts.length - 1 ? ":" : "");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Integer.compare(bytes.length, o.bytes.length);
        return c != 0 ? c : Arrays.compareUnsigned(bytes, o.bytes);
    }
}
