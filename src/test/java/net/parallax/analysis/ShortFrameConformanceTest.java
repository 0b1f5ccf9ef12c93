package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames that end before their IP packet does, with nothing cut by the snapshot length (the captured
 * length equals the length on the wire): a 1999 telnet capture holds keep-alives whose IPv4 total
 * length counts one byte more than the frame carries. Wireshark takes the packet to end with the
 * frame: the TCP header is read, the segment is empty, its checksum (over the bytes there) is bad, and
 * the TCP analysis sees it (here a duplicate ACK). Parallax used to drop the frame's TCP fields.
 */
class ShortFrameConformanceTest {
    @TempDir
    Path dir;

    private static Scenario scenario(boolean ipv6) {
        Scenario s = new Scenario("short", "IP length one byte past the end of the frame");
        if (ipv6) {
            s.ipv6("2001:db8::1", "2001:db8::2");
        }
        s.tcp(Scenario.A, Scenario.SYN, 0, 0, 8192, 0).after(10)
                .tcp(Scenario.B, Scenario.SYN | Scenario.ACK, 0, 1, 8192, 0).after(10)
                .tcp(Scenario.A, Scenario.ACK, 1, 1, 8192, 0).after(1)
                .tcp(Scenario.A, Scenario.PSH | Scenario.ACK, 1, 1, 8192, 5).after(10)
                .tcp(Scenario.B, Scenario.ACK, 1, 6, 8192, 0).after(1);
        // frame 6: a one-byte segment whose last byte is missing from the frame (and from the wire length)
        s.tcp(Scenario.A, Scenario.PSH | Scenario.ACK, 6, 1, 8192, 1);
        byte[] whole = s.frames.remove(s.frames.size() - 1).bytes();
        s.raw(Arrays.copyOf(whole, whole.length - 1)).after(200);
        // frame 7: the same segment whole; frame 8 its ACK
        s.tcp(Scenario.A, Scenario.PSH | Scenario.ACK, 6, 1, 8192, 1).after(10)
                .tcp(Scenario.B, Scenario.ACK, 1, 7, 8192, 0);
        return s;
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void aFrameShorterThanItsIpPacketIsDecodedToItsEnd(boolean ipv6) throws Exception {
        Path f = dir.resolve("short.pcapng");
        scenario(ipv6).write(f);
        try (Capture c = CaptureReader.read(f)) {
            assertThat(c.isTcp(5)).isTrue();
            assertThat(c.payloadLength(5)).isZero();
            assertThat(c.tcpSeq(5)).isEqualTo(c.tcpSeq(6));
            assertThat(c.malformed(5)).isTrue();
            assertThat(c.errors()).singleElement().satisfies(e -> assertThat(e.message())
                    .startsWith("frame 6 at byte " + e.offset() + ": IPv" + (ipv6 ? "6 payload length 21" : "4 total length 41"))
                    .endsWith("runs past the end of the frame; the packet is decoded up to the end of the frame"));
        }
        Map<String, List<Integer>> ours = ConformanceTest.ours(f);
        // tshark 4.0.17's answer for both versions
        assertThat(ours.get("BAD_TCP_CHECKSUM")).containsExactly(6);
        assertThat(ours.get("DUPLICATE_ACK")).containsExactly(6);
        assertThat(ours.get("RETRANSMISSION")).isEmpty();
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        assertThat(ConformanceTest.differences(TsharkFlags.of(f), ours)).isEmpty();
    }
}
