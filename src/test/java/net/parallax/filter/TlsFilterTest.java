package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.MappedPacketData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tls.* fields on the built TLS capture ({@link FilterSamples#tls}); what tshark selects on it is checked
 * by {@link TsharkAgreementTest}. These pin down the choices: whole records only, no reassembly, reads
 * bounded by the captured length and by the file as it is now.
 */
class TlsFilterTest {
    private static final TestCapture TLS = FilterSamples.tls();

    private static int[] frames(String filter, FilterContext ctx) throws FilterSyntaxException {
        return DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(ctx));
    }

    private static int[] frames(String filter) throws FilterSyntaxException {
        return frames(filter, TLS.context());
    }

    @Test
    void aClientHelloIsFoundByItsHandshakeTypeAndItsServerName() throws Exception {
        assertThat(frames("tls.handshake.type == 1")).containsExactly(4, 13);
        assertThat(frames("tls.handshake.extensions_server_name == \"www.example.org\"")).containsExactly(4);
        assertThat(frames("tls.handshake.extensions_server_name in {api.example.net, \"nothing.example\"}")).containsExactly(13);
    }

    @Test
    void aServerNameContainsASubstringCaseSensitively() throws Exception {
        assertThat(frames("tls.handshake.extensions_server_name contains \"example.\"")).containsExactly(4, 13);
        assertThat(frames("tls.handshake.extensions_server_name contains api")).containsExactly(13);
        assertThat(frames("tls.handshake.extensions_server_name contains \"API\"")).isEmpty();
        assertThat(DisplayFilter.compile("tls.handshake.extensions_server_name contains api").canonical())
                .isEqualTo("tls.handshake.extensions_server_name contains \"api\"");
        assertThat(DisplayFilter.validate("tcp.port contains 4")).get().extracting(Throwable::getMessage).asString()
                .contains("'contains' is not supported");
    }

    @Test
    void everyWholeRecordOfASegmentCountsAndEveryMessageOfARecord() throws Exception {
        // 5: three records (Server Hello, Certificate, Server Hello Done); 14: one record holding two messages
        assertThat(frames("tls.handshake.type == 11")).containsExactly(5);
        assertThat(frames("tls.handshake.type == 2 && tls.handshake.type == 14")).containsExactly(5, 14);
        assertThat(frames("tls.record.content_type === 22")).containsExactly(4, 5, 13, 14, 16);
    }

    @Test
    void theFinishedAfterChangeCipherSpecIsEncryptedAndHasNoHandshakeType() throws Exception {
        // 6: Client Key Exchange, Change Cipher Spec, Finished (encrypted); 7: Change Cipher Spec, Finished
        assertThat(frames("tls.handshake.type")).containsExactly(4, 5, 6, 13, 14);
        assertThat(frames("tls.record.content_type == 20 && tls.record.content_type == 22")).containsExactly(6, 7);
    }

    @Test
    void aRecordSpanningSegmentsIsNotReassembled() throws Exception {
        // 9 ends with the start of a 2000-byte record, 10 begins with its tail: 10 is TLS only by its last record
        assertThat(frames("tls.record.content_type == 23")).containsExactly(8, 9);
        assertThat(frames("tcp.len > 0 && !tls")).containsExactly(10, 12);
        assertThat(DisplayFilter.fields()).filteredOn(f -> f.name().equals("tls")).singleElement()
                .satisfies(f -> assertThat(f.description()).contains("no reassembly"));
    }

    @Test
    void aRetransmissionIsNotTlsAsItsBytesWereShownWhereFirstSent() throws Exception {
        assertThat(frames("tcp.len == 205")).containsExactly(8, 12);
        assertThat(frames("tls && tcp.len == 205")).containsExactly(8);
        // without analysis nothing says 12 is a retransmission
        assertThat(frames("tls && tcp.len == 205", FilterContext.of(TLS.capture()))).containsExactly(8, 12);
    }

    @Test
    void aRecordCutByTheSnapLengthShowsItsHeaderOnly() throws Exception {
        assertThat(frames("frame.number == 16 && tls.record.content_type == 22 && tls.record.version == 0x0301")).containsExactly(16);
        assertThat(frames("frame.number == 16 && (tls.handshake.type || tls.handshake.extensions_server_name)")).isEmpty();
    }

    @Test
    void sslIsAnAliasOfTls() throws Exception {
        assertThat(frames("ssl")).containsExactly(frames("tls"));
        assertThat(frames("ssl.handshake.extensions_server_name == api.example.net")).containsExactly(13);
        assertThat(DisplayFilter.compile("ssl.record.version == 0x0303").canonical()).isEqualTo("tls.record.version == 0x0303");
    }

    @Test
    void stringLiteralsAreShownQuotedAndCannotNameAField() throws Exception {
        assertThat(DisplayFilter.compile("tls.handshake.extensions_server_name == a.example").canonical())
                .isEqualTo("tls.handshake.extensions_server_name == \"a.example\"");
        assertThat(DisplayFilter.validate("tls.handshake.extensions_server_name == tls")).get()
                .extracting(Throwable::getMessage).asString().contains("another field");
        assertThat(DisplayFilter.validate("tls == 1")).get().extracting(Throwable::getMessage).asString().contains("no value");
        assertThat(DisplayFilter.complete("tls.handshake.")).containsExactly("tls.handshake.type", "tls.handshake.extensions_server_name");
    }

    @Test
    void framesPastTheEndOfAFileCutShortAfterReadingHaveNoTlsFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tls.pcap");
        Files.write(file, TLS.pcap());
        try (Capture c = CaptureReader.read(file)) {
            assertThat(c.data()).isInstanceOf(MappedPacketData.class);
            FilterContext ctx = FilterContext.of(c);
            assertThat(frames("tls", ctx)).containsExactly(4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16);
            // cut the file inside frame 13: reading its mapped bytes now would fault
            long cut = c.dataOffset(12) + 30;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            assertThat(frames("tls", ctx)).containsExactly(4, 5, 6, 7, 8, 9, 12);
            assertThat(frames("tls.handshake.type == 1 || tcp.len > 0", ctx)).contains(13, 14, 15, 16);
        }
    }
}
