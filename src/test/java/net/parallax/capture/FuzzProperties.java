package net.parallax.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The properties every fuzz input must satisfy. A violation throws {@link AssertionError}, which
 * Jazzer reports as a finding; any exception other than the documented ones escapes and is a
 * finding too.
 * <ul>
 * <li>no exception escapes {@link CaptureReader#read} other than {@link CaptureFormatException}
 *     (at offset 0, naming the file) and {@link IOException};</li>
 * <li>no hang: one input is read in under {@link #MAX_MILLIS} ms (the fuzzer's own per-input
 *     timeout catches real loops);</li>
 * <li>allocation is bounded by the size of the capture data, never by a length field inside it;</li>
 * <li>every frame in the index lies inside the data and its bytes can be read, and its header
 *     offsets lie inside the captured bytes; no error is an internal one.</li>
 * </ul>
 */
final class FuzzProperties {
    static final long MAX_MILLIS = 10_000;
    /** Fixed cost of one read: the read window, scratch objects, a few interfaces and messages. */
    static final long FIXED_ALLOCATION = 8L << 20;
    /** Per byte of capture data: index columns, conversations, interfaces and error messages. */
    static final long ALLOCATION_PER_BYTE = 256;
    /** What one decode may allocate, whatever the frame (instrumentation included). */
    static final long DECODER_ALLOCATION = 64 << 10;

    private FuzzProperties() {
    }

    static Capture readAndCheck(Path file) {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        long before = CaptureFuzzTest.allocatedBytes();
        long t0 = System.nanoTime();
        Capture c;
        try {
            c = CaptureReader.read(file);
        } catch (CaptureFormatException e) {
            check(e.offset() == 0, "a capture format error is at byte 0, got " + e.offset());
            check(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
            return null;
        } catch (IOException e) {
            return null;
        }
        try (Capture capture = c) {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long allocated = CaptureFuzzTest.allocatedBytes() - before;
            long dataSize = capture.data().size();
            check(millis < MAX_MILLIS, "reading took " + millis + " ms");
            long bound = FIXED_ALLOCATION + ALLOCATION_PER_BYTE * Math.max(fileSize, dataSize);
            // The first read in a JVM also loads classes; only a repeat counts.
            if (allocated > bound && repeatAllocation(file) > bound) {
                throw new AssertionError("reading " + dataSize + " bytes allocated " + allocated + " bytes");
            }
            checkFrames(capture, dataSize);
            return capture;
        }
    }

    private static long repeatAllocation(Path file) {
        long before = CaptureFuzzTest.allocatedBytes();
        try (Capture again = CaptureReader.read(file)) {
            return CaptureFuzzTest.allocatedBytes() - before;
        } catch (IOException | CaptureFormatException e) {
            throw new AssertionError("the second read of the same file failed", e);
        }
    }

    private static void checkFrames(Capture c, long dataSize) {
        for (CaptureError e : c.errors()) {
            check(!e.message().startsWith("internal error"), e.toString());
            check(e.offset() >= 0 && e.offset() <= dataSize, "error offset outside the data: " + e);
        }
        byte[] buf = new byte[CaptureReader.MAX_CAPTURED_LENGTH];
        for (int i = 0; i < c.frameCount(); i++) {
            int cap = c.capturedLength(i);
            long at = c.dataOffset(i);
            check(cap >= 0 && cap <= CaptureReader.MAX_CAPTURED_LENGTH, "frame " + (i + 1) + " captured length " + cap);
            check(at >= 0 && at + cap <= dataSize, "frame " + (i + 1) + " at " + at + "+" + cap + " past " + dataSize);
            check(c.wireLength(i) >= cap, "frame " + (i + 1) + " wire length below captured length");
            c.readPacket(i, buf);
            check(c.packetBytes(i).length == cap, "frame " + (i + 1) + " bytes");
            int net = c.networkOffset(i);
            check(net < cap, "frame " + (i + 1) + " network offset " + net + " of " + cap);
            int tr = c.transportOffset(i);
            check(tr < cap && (tr < 0 || tr > net), "frame " + (i + 1) + " transport offset " + tr);
            check(c.payloadLength(i) >= 0, "frame " + (i + 1) + " payload length " + c.payloadLength(i));
            check(c.interfaceId(i) < c.interfaces().size()
                    || c.interfaceId(i) == Capture.NO_INTERFACE && c.linkType(i) == LinkType.UNKNOWN,
                    "frame " + (i + 1) + " on an interface that is not listed");
            if (c.conversationId(i) >= 0) {
                check(c.conversation(i) != null, "frame " + (i + 1) + " conversation");
            }
            if (c.isTcp(i)) {
                TcpOptions.of(c, i);
            }
        }
        c.linkTypes();
    }

    /** The decoder alone: never throws, allocates no more than a constant, and every offset it sets lies inside the frame. */
    static void decodeAndCheck(byte[] frame, int start, int captured, int wire, int linkType) {
        PacketFields f = new PacketFields();
        long before = CaptureFuzzTest.allocatedBytes();
        FrameDecoder.decode(frame, start, captured, wire, linkType, f);
        long allocated = CaptureFuzzTest.allocatedBytes() - before;
        // The decoder itself allocates nothing; the fuzzer's hooks may, a little. Nothing may grow with the
        // input. The first call in a JVM also loads and instruments classes, so only a repeat counts.
        if (allocated > DECODER_ALLOCATION) {
            before = CaptureFuzzTest.allocatedBytes();
            FrameDecoder.decode(frame, start, captured, wire, linkType, f);
            allocated = CaptureFuzzTest.allocatedBytes() - before;
            check(allocated <= DECODER_ALLOCATION, "the decoder allocated " + allocated + " bytes");
        }
        int len = Math.min(captured, frame.length - start);
        check(f.ipVersion == 0 || f.ipVersion == 4 || f.ipVersion == 6, "ip version " + f.ipVersion);
        if (f.ipVersion != 0) {
            check(f.networkOffset >= 0 && f.networkOffset + (f.ipVersion == 4 ? 20 : 40) <= len,
                    "network offset " + f.networkOffset + " of " + len);
        } else {
            check(f.networkOffset == -1, "network offset without IP");
        }
        if (f.transportOffset >= 0) {
            check(f.ipVersion != 0 && f.transportOffset >= f.networkOffset + 20 && f.transportOffset < len,
                    "transport offset " + f.transportOffset + " of " + len);
        }
        check(f.payloadLength >= 0, "payload length " + f.payloadLength);
        // The IP layers around a tunnelled packet: whole headers, outermost first, before the packet.
        check(f.tunnelLayers >= 0 && f.tunnelLayers <= FrameDecoder.MAX_TUNNEL_DEPTH, "tunnel layers " + f.tunnelLayers);
        check(f.tunnelLayers == 0 || f.ipVersion != 0, "tunnel layers without an inner packet");
        for (int k = 0; k < f.tunnelLayers; k++) {
            int v = f.tunnelIpVersion[k];
            int at = f.tunnelNetworkOffset[k];
            check((v == 4 || v == 6) && at >= 0 && at + (v == 4 ? 20 : 40) <= len && at < f.networkOffset
                    && (k == 0 || at > f.tunnelNetworkOffset[k - 1]), "tunnel layer " + k + " (IPv" + v + ") at " + at);
            // its tunnel header (none for IP in IP) lies whole between the layer's IP header and the packet
            int kind = f.tunnelKind[k];
            int h = f.tunnelHeaderOffset[k];
            check(kind >= PacketFields.TUNNEL_IP && kind <= PacketFields.TUNNEL_GTPU, "tunnel kind " + kind);
            check(kind == PacketFields.TUNNEL_IP ? h == -1 : h > at && h + 4 <= f.networkOffset,
                    "tunnel header of kind " + kind + " at " + h + " (layer at " + at + ", packet at " + f.networkOffset + ")");
            check(f.tunnelId[k] >= 0 && f.tunnelId[k] <= 0xffff_ffffL && f.tunnelKey[k] >= -1 && f.tunnelKey[k] <= 0xffff_ffffL,
                    "tunnel id " + f.tunnelId[k] + " key " + f.tunnelKey[k]);
        }
        if (f.ipVersion != 0 && f.ipProtocol == Conversation.TCP && f.transportOffset >= 0) {
            int headerLen = (f.tcpOffsetAndFlags >>> 12) * 4;
            check(headerLen >= 20, "TCP header length " + headerLen);
            byte[] copy = java.util.Arrays.copyOfRange(frame, start, start + len);
            TcpOptions.parse(copy, len, f.transportOffset, headerLen);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
