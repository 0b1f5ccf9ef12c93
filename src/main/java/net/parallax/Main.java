package net.parallax;

/** Entry point of {@code parallax.jar}: no arguments opens the workbench, arguments run the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            net.parallax.ui.ParallaxApp.launchApp(args);
        } else {
            System.exit(net.parallax.cli.ParallaxCli.run(args));
        }
    }
}
