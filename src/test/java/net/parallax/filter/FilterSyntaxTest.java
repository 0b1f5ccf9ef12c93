package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterSyntaxTest {

    private static FilterSyntaxException failure(String text) {
        try {
            DisplayFilter.compile(text);
        } catch (FilterSyntaxException e) {
            return e;
        }
        throw new AssertionError("compiled: " + text);
    }

    private static String canonical(String text) throws FilterSyntaxException {
        return DisplayFilter.compile(text).canonical();
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        assertThat(canonical("tcp || udp && ip")).isEqualTo("(tcp || (udp && ip))");
        assertThat(canonical("tcp && udp || ip")).isEqualTo("((tcp && udp) || ip)");
    }

    @Test
    void wordOperatorsMeanTheSameAsSymbols() throws Exception {
        assertThat(canonical("not tcp and udp or ip")).isEqualTo("((!tcp && udp) || ip)");
        assertThat(canonical("frame.len gt 100 and frame.len le 200")).isEqualTo("(frame.len gt 100 && frame.len le 200)");
    }

    @Test
    void parenthesesOverridePrecedence() throws Exception {
        assertThat(canonical("(tcp || udp) && !(ip.addr == 10.0.0.1)")).isEqualTo("((tcp || udp) && !ip.addr == 10.0.0.1)");
    }

    @Test
    void setsTakeValuesRangesAndCidrBlocks() throws Exception {
        assertThat(canonical("tcp.port in {80, 443, 8000..8080}")).isEqualTo("tcp.port in {80, 443, 8000..8080}");
        assertThat(canonical("ip.addr in {10.0.0.0/8 192.168.1.1}")).isEqualTo("ip.addr in {10.0.0.0/8, 192.168.1.1}");
    }

    @Test
    void notInIsTheNegationOfIn() throws Exception {
        assertThat(canonical("tcp.port not in {80, 443}")).isEqualTo("!tcp.port in {80, 443}");
    }

    @Test
    void emptyOrBlankFilterPassesEverything() throws Exception {
        assertThat(DisplayFilter.compile("").passesAll()).isTrue();
        assertThat(DisplayFilter.compile("   ").passesAll()).isTrue();
        assertThat(DisplayFilter.compile("tcp").passesAll()).isFalse();
    }

    @Test
    void shortFlagNamesAreAcceptedForWiresharksResetAndPush() throws Exception {
        assertThat(canonical("tcp.flags.rst == 1 || tcp.flags.psh")).isEqualTo("(tcp.flags.reset == 1 || tcp.flags.push)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ip.addr == 10.0.0.0/8", "ipv6.addr == 2001:db8::/32", "ipv6.src == ::ffff:10.0.0.1", "tcp.checksum.status == Bad",
        "tcp.checksum.status == \"Not present\"", "tcp.checksum.status == 0", "ip.checksum.status eq good",
        "tcp.flags.syn == True", "tcp.flags.syn == 0", "frame.time_relative >= 1.5", "parallax.delay > 0.010",
        "parallax.delay < -0.001", "tcp.seq == 0x10", "tcp.stream in {0..3}", "!(tcp.port != 443)",
        "tcp.analysis.retransmission || parallax.only", "parallax.match && !parallax.superframe",
        "parallax.checksum.offload", "ip.addr ~= 10.0.0.1", "ip.addr !== 10.0.0.1", "ip.addr === 10.0.0.1",
        "frame.number == -1", "ip.addr > 10.0.0.1", "udp.checksum.status == Unverified"})
    void validExpressionsCompile(String text) {
        assertThat(DisplayFilter.validate(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
        tcp.port ==               => expected a value after '==' at column 12
        tcp.port == )             => expected a value after '==' at column 13
        ip.addr == 10.0.0.1 and   => expected a field name after 'and' at column 24
        == 80                     => expected a field name, found '==' at column 1
        (tcp                      => '(' is never closed at column 1
        tcp)                      => ')' without a matching '(' at column 4
        (tcp udp)                 => expected an operator after 'tcp', found 'udp' at column 6
        ip.addr eq 10.0.0.2 ne    => expected '&&' or '||' after '10.0.0.2', found 'ne' at column 21
        tcp.flag.syn              => unknown field 'tcp.flag.syn' (did you mean 'tcp.flags.syn'?) at column 1
        ip.adr == 1.2.3.4         => unknown field 'ip.adr' (did you mean 'ip.addr'?) at column 1
        kerberos                  => unknown field 'kerberos' at column 1
        TCP                       => unknown field 'TCP' (did you mean 'tcp'?) at column 1
        tcp.analysis.flags not in {1} => tcp.analysis.flags has no value to compare; test it alone for presence at column 24
        tcp.port == 70000         => '70000' is too big for tcp.port (maximum 65535) at column 13
        tcp.window_size_scalefactor == 3000000000 => '3000000000' is out of range for tcp.window_size_scalefactor (-2147483648 to 2147483647) at column 32
        ip.addr == 10.0.0.256     => '10.0.0.256' is not a valid IPv4 address at column 12
        ip.addr == 2001:db8::1    => ip.addr needs an IPv4 address or CIDR block (names are not resolved), not '2001:db8::1' at column 12
        ipv6.addr == .:1          => ipv6.addr needs an IPv6 address or CIDR block (names are not resolved), not '.:1' at column 14
        ipv6.addr == 1:2          => '1:2' is not a valid IPv6 address at column 14
        ip.addr == example.com    => ip.addr needs an IPv4 address or CIDR block (names are not resolved), not 'example.com' at column 12
        ip.addr == 10.0.0.0/33    => the prefix length /33 is longer than 32 bits at column 12
        ip.addr > 10.0.0.0/8      => a CIDR block can only be compared with == or != at column 11
        tcp.port == abc           => tcp.port needs an unsigned integer, not 'abc' at column 13
        tcp.port == 1.5           => tcp.port needs an unsigned integer, not '1.5' at column 13
        ip.src == ip.dst          => comparing with another field (ip.dst) is not supported at column 11
        tcp.analysis.retransmission == 1 => tcp.analysis.retransmission has no value to compare; test it alone for presence at column 29
        tcp.flags.syn == yes      => tcp.flags.syn needs 0, 1, True or False, not 'yes' at column 18
        frame.time_relative > 1s  => frame.time_relative needs a number of seconds, not '1s' at column 23
        tcp.port in 80            => expected '{' after 'in' at column 13
        tcp.port in {}            => the set is empty at column 14
        tcp.port in {80,          => expected a value in the set after ',' at column 17
        tcp.port in {80           => '{' is never closed at column 13
        tcp.port in {80..}        => expected a value after '..' at column 18
        tcp.port = 80             => '=' is not an operator; use '==' to compare at column 10
        frame contains 00         => 'contains' is not supported in Parallax filters (they know == != > < >= <= & in && || ! and parentheses) at column 7
        ip.src & 0x02             => '&' tests the bits of a number; ip.src is not a number field at column 8
        not                       => expected a field name after 'not' at column 4
        80                        => expected a field name, found '80' at column 1
        """)
    void invalidExpressionsSayWhatIsWrongAndWhere(String text, String message) {
        assertThat(failure(text).getMessage()).isEqualTo(message);
    }

    @Test
    void errorColumnAndLengthPointAtTheOffendingToken() {
        FilterSyntaxException e = failure("tcp.port == 80 && ip.adr == 1.2.3.4");
        assertThat(e.column()).isEqualTo(19);
        assertThat(e.length()).isEqualTo(6);
        assertThat(e.reason()).isEqualTo("unknown field 'ip.adr' (did you mean 'ip.addr'?)");
    }

    @Test
    void unterminatedStringIsReportedAtItsQuote() {
        FilterSyntaxException e = failure("tcp.checksum.status == \"Bad");
        assertThat(e.getMessage()).isEqualTo("missing '\"' to close the string at column 24");
    }

    @Test
    void fieldListOffersCompletionWithWiresharkNames() {
        assertThat(DisplayFilter.complete("tcp.flags.")).contains("tcp.flags.syn", "tcp.flags.reset", "tcp.flags.push")
                .doesNotContain("tcp.flags.rst");
        assertThat(DisplayFilter.fields()).extracting(FieldInfo::name)
                .contains("ip.addr", "ipv6.addr", "tcp.stream", "tcp.analysis.zero_window", "parallax.only", "parallax.delay")
                .doesNotHaveDuplicates();
    }

    @Test
    void matchesTakesARegularExpressionInAStringAndItsTildeAlias() throws Exception {
        assertThat(canonical("http.host matches \"switch\"")).isEqualTo("http.host matches \"switch\"");
        assertThat(canonical("dns.qry.name ~ \"^www\\\\.\" || http.user_agent matches \"(?-i)curl/[0-9.]+\""))
                .isEqualTo("(dns.qry.name ~ \"^www\\\\.\" || http.user_agent matches \"(?-i)curl/[0-9.]+\")");
        assertThat(DisplayFilter.validate("!(tls.handshake.extensions_server_name matches \"\\\\.ch$\") && dns.qry.name matches \"\"")).isEmpty();
    }

    @Test
    void matchesSaysWhatIsWrongAndWhere() {
        assertThat(failure("dns.id matches \"1\"").getMessage()).isEqualTo("'matches' needs a string field; dns.id is not one at column 8");
        assertThat(failure("tcp.port ~ \"80\"").getMessage()).isEqualTo("'~' needs a string field; tcp.port is not one at column 10");
        assertThat(failure("dns.qry.name matches switch").getMessage())
                .isEqualTo("'matches' needs a regular expression in double quotes, found 'switch' at column 22");
        assertThat(failure("dns.qry.name matches").getMessage())
                .isEqualTo("'matches' needs a regular expression in double quotes at column 21");
        FilterSyntaxException e = failure("tcp && dns.qry.name matches \"a(b\"");
        assertThat(e.reason()).isEqualTo("invalid regular expression: unclosed group at the end of the expression");
        assertThat(e.column()).isEqualTo(29);
        assertThat(e.length()).isEqualTo(5);
        assertThat(failure("http.host ~ \"a{2,1}\"").reason()).startsWith("invalid regular expression: ");
        assertThat(failure("http.host ~ \"*x\"").reason()).startsWith("invalid regular expression: dangling meta character '*'");
        assertThat(failure("http.host matches \"[[:upper:]]\"").reason())
                .isEqualTo("invalid regular expression: POSIX class [:upper:] is not supported (use \\p{Alpha}, \\p{Upper}, \\d, …)");
    }

    /** tshark 4.0's string escapes: unknown ones are errors (write "\\." for the regex {@code \.}), \x and octal are bytes. */
    @Test
    void stringEscapesAreWiresharks() throws Exception {
        FilterSyntaxException e = failure("dns.qry.name matches \"^switch\\.ch$\"");
        assertThat(e.getMessage()).isEqualTo("\\. is not a valid character escape sequence at column 30");
        assertThat(e.length()).isEqualTo(2);
        assertThat(failure("http.host == \"\\d\"").reason()).isEqualTo("\\d is not a valid character escape sequence");
        assertThat(failure("http.host == \"\\x\"").reason()).isEqualTo("\\x is not a valid character escape sequence");
        assertThat(failure("http.host == \"\\u0073\"").reason()).isEqualTo("\\u0073 is not a valid universal character name");
        assertThat(Lexer.unquote(new Token(Token.Type.STRING, "\"\\x73w\\151t\\\\\\\"\\n\\u00e9\"", 0))).isEqualTo("swit\\\"\n\u00e9");
        assertThat(Lexer.unquote(new Token(Token.Type.STRING, "\"\\x733\"", 0))).isEqualTo("s3");
    }

    @Test
    void compileRejectsNull() {
        assertThatThrownBy(() -> DisplayFilter.compile(null)).isInstanceOf(NullPointerException.class);
    }
}
