package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpAddressTest {
    @Test
    void ipv6IsPrintedInTheShortFormWiresharkUses() {
        assertThat(IpAddress.parse("2001:db8:0:0:0:0:0:1").toString()).isEqualTo("2001:db8::1");
    }

    @Test
    void hostNamesAreNeverResolved() {
        assertThatThrownBy(() -> IpAddress.parse("example.org")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digitsAndDotsThatAreNoAddressAreRefusedWithoutALookup() {
        for (String bad : new String[] {"999.1.1.1", "1.2.3", "1..2.3", "1.2.3.4.5", "1.2.3.4444"}) {
            assertThatThrownBy(() -> IpAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an IP address literal: " + bad);
        }
    }

    @Test
    void ipv4RoundTripsThroughItsIntegerForm() {
        IpAddress a = IpAddress.parse("130.59.31.249");
        assertThat(IpAddress.ofIpv4(a.ipv4Int())).isEqualTo(a);
        assertThat(a.toString()).isEqualTo("130.59.31.249");
    }
}
