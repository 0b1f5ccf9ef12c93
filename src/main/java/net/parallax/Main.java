package net.parallax;

/** Entry point of {@code parallax.jar}: no arguments opens the workbench on the SWITCH sample,
 * {@code open FILE…} (or only file names) on those files, other arguments run the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            net.parallax.ui.ParallaxApp.launchApp(args);
        } else {
            net.parallax.cli.ParallaxCli.setWorkbench(files -> net.parallax.ui.ParallaxApp.launchApp(files.toArray(String[]::new)));
            System.exit(net.parallax.cli.ParallaxCli.run(args));
        }
    }
}
