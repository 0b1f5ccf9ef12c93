package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** -Dparallax.timing=true prints the phases of a command on stderr; without it nothing is added. */
class PhaseTimerTest {
    private static final String CLIENT = "samples/switch-wayf/client.pcapng";
    private static final String SERVER = "samples/switch-wayf/server.pcapng";

    @Test
    void phasesOnStderrOnlyWhenAskedFor() {
        CliRunner quiet = CliRunner.run("analyze", CLIENT, "--json");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).doesNotContain("timing");
        String before = System.setProperty("parallax.timing", "true");
        try {
            CliRunner a = CliRunner.run("analyze", CLIENT, "--json");
            assertThat(a.exitCode()).isZero();
            assertThat(a.err()).containsSubsequence("parallax: timing: start-up ", "parallax: timing: read ",
                    "parallax: timing: analyse ", "parallax: timing: build JSON ", "parallax: timing: write JSON ");
            assertThat(a.out()).isEqualTo(quiet.out());
            CliRunner c = CliRunner.run("compare", SERVER, CLIENT, "--json");
            assertThat(c.exitCode()).isZero();
            assertThat(c.err()).containsSubsequence("parallax: timing: read and analyse ", "parallax: timing: align ",
                    "parallax: timing: write JSON ");
        } finally {
            if (before == null) {
                System.clearProperty("parallax.timing");
            } else {
                System.setProperty("parallax.timing", before);
            }
        }
    }
}
