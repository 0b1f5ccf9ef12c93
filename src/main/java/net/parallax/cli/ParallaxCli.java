package net.parallax.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless command line. Exit codes (DESIGN.md): 0 done (warnings go to the JSON and stderr),
 * 2 usage error, 3 no input could be read.
 */
@Command(name = "parallax", mixinStandardHelpOptions = true, version = "Parallax 0.1",
        description = "Compare packet captures taken at several points of a path.")
public final class ParallaxCli implements Runnable {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int NO_INPUT = 3;

    /** The commands, by name, in the order the help lists them. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put("analyze", AnalyzeCommand::new);
        m.put("compare", CompareCommand::new);
        m.put("report", ReportCommand::new);
        m.put("tour-handout", TourHandoutCommand::new);
        m.put("samples", SamplesCommand::new);
        m.put("open", OpenCommand::new);
        m.put("build-launcher", LauncherCommand::new);
        return m;
    }

    /** The commands' names (the launcher script runs all but {@code open} with the command-line JVM flags). */
    static java.util.Set<String> commandNames() {
        return COMMANDS.keySet();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Opens the workbench on file names and returns when it closes; set by the program's entry point. */
    private static volatile java.util.function.Consumer<java.util.List<String>> workbench;

    public static void setWorkbench(java.util.function.Consumer<java.util.List<String>> opener) {
        workbench = opener;
    }

    static java.util.function.Consumer<java.util.List<String>> workbench() {
        return workbench;
    }

    /**
     * {@code parallax A.pcapng B.pcap}: arguments that are all existing files and name no command mean
     * {@code open} them, as a packet analyser's command line does.
     */
    static String[] withImpliedOpen(String[] args) {
        if (args.length == 0 || COMMANDS.containsKey(args[0]) || args[0].startsWith("-")) {
            return args;
        }
        for (String a : args) {
            try {
                if (a.startsWith("-") || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(a))) {
                    return args;
                }
            } catch (java.nio.file.InvalidPathException e) {
                return args;
            }
        }
        String[] open = new String[args.length + 1];
        open[0] = "open";
        System.arraycopy(args, 0, open, 1, args.length);
        return open;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: analyze, compare, report, tour-handout, samples or open");
    }

    public static int run(String[] args) {
        warmUp();
        return run(args, new StandardOut(System.out), new PrintWriter(System.err, true));
    }

    /**
     * The command line's standard output: a writer (in the platform's charset, as picocli's) that also
     * offers the byte stream under it, for documents of a hundred megabytes that are ASCII but for a
     * few names ({@code compare}'s matches).
     */
    static final class StandardOut extends PrintWriter {
        final java.io.OutputStream stream;

        StandardOut(java.io.OutputStream stream) {
            super(stream, true);
            this.stream = stream;
        }
    }

    /**
     * Initialises the JSON and number-formatting machinery on a second core while this one builds
     * the command line (picocli's start-up is single-threaded): a one-shot command would otherwise
     * pay for it, about 25 ms, at its end. Class initialisation is thread-safe, so a command that gets
     * there first simply waits for it.
     */
    private static void warmUp() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        Thread t = new Thread(() -> {
            net.parallax.report.Json.warmUp();
            String.format(java.util.Locale.ROOT, "%.3f s", 1.0);
        }, "parallax-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Runs the command line with the given streams (tests pass their own). */
    public static int run(String[] given, PrintWriter out, PrintWriter err) {
        String[] args = withImpliedOpen(given);
        CommandLine cl = new CommandLine(new ParallaxCli());
        // Picocli builds a command's model by reflection when it is added, which is a good part of the
        // start-up time of a one-shot command: a command line naming a command gets only that one; any
        // other (help, version, a mistake) gets them all, so the usage lists them.
        java.util.function.Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliFailure f) {
                err.println("parallax: " + f.getMessage());
                err.flush();
                return f.exitCode();
            }
            err.println("parallax: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            err.println("parallax: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            err.flush();
            return USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
