package net.parallax.cli;

/** The headless command line (placeholder until the CLI lands). */
public final class ParallaxCli {
    private ParallaxCli() {
    }

    public static int run(String[] args) {
        System.err.println("usage: parallax analyze CAPTURE --json | compare REFERENCE OTHER... --json");
        return 2;
    }
}
