package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application opens no network connection. {@link NoNetworkMain} runs in a child JVM with every
 * socket, datagram, NIO channel, URL and proxy path trapped (see its comment for how and what is
 * covered), and prints each attempt. The self-check proves that each trap does catch an attempt;
 * the flows run samples, analyze, compare (JSON, HTML and PNG) and report, and must make none; so
 * must the workbench's flows ({@link net.parallax.ui.NoNetworkGuiMain}).
 */
class NoNetworkTest {
    @TempDir
    Path dir;

    private static List<String> runChild(String arg) throws IOException, InterruptedException {
        return attempts(runChild(NoNetworkMain.class.getName(), List.of(), arg, null));
    }

    /** Runs {@code mainClass} in a child JVM with the NIO trap set on its command line; returns its output. */
    private static String runChild(String mainClass, List<String> jvmArgs, String arg, Path workDir)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.log.org.pcap4j=warn",
                "-Djava.nio.channels.spi.SelectorProvider=" + NoNetworkMain.RefusingSelectorProvider.class.getName()));
        cmd.addAll(jvmArgs);
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            cp.add(Path.of(e).toAbsolutePath().toString());
        }
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, cp), mainClass, arg));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("child output:\n" + out).isZero();
        assertThat(out).contains("ATTEMPTS ");
        return out;
    }

    private static List<String> attempts(String out) {
        return out.lines().filter(l -> l.startsWith("ATTEMPT ")).map(l -> l.substring(8)).toList();
    }

    /** The {@code RESULT name value} lines of a child's output. */
    private static Map<String, String> results(String out) {
        Map<String, String> r = new LinkedHashMap<>();
        out.lines().filter(l -> l.startsWith("RESULT ")).forEach(l -> {
            String[] parts = l.substring(7).split(" ", 2);
            r.put(parts[0], parts.length > 1 ? parts[1] : "");
        });
        return r;
    }

    @Test
    void everyTrapCatchesAnAttemptThroughIt() throws Exception {
        List<String> attempts = runChild("--self-check");
        assertThat(attempts).anyMatch(a -> a.startsWith("Socket connect"));
        assertThat(attempts).anyMatch(a -> a.startsWith("Socket bind"));
        assertThat(attempts).anyMatch(a -> a.equals("DatagramSocket"));
        assertThat(attempts).anyMatch(a -> a.startsWith("URL http://127.0.0.1:9/"));
        assertThat(attempts).anyMatch(a -> a.equals("SocketChannel"));
        assertThat(attempts).anyMatch(a -> a.equals("DatagramChannel"));
        assertThat(attempts).anyMatch(a -> a.startsWith("ProxySelector socket://127.0.0.1:9"));
    }

    @Test
    void headlessFlowsOpenNoConnection() throws Exception {
        assertThat(runChild(dir.toString())).isEmpty();
    }

    /**
     * The workbench ({@link net.parallax.ui.NoNetworkGuiMain}: the real application on headless
     * Monocle when the tests run headless) opens the SWITCH sample workspace, selects, filters,
     * annotates, saves, exports, checks its files, runs a tour step and quits, without one connection
     * attempt; the results prove the flows ran.
     */
    @Test
    void workbenchFlowsOpenNoConnection() throws Exception {
        // the workbench's own start: without arguments it opens the SWITCH sample workspace of its working folder
        Path sample = Files.createDirectories(dir.resolve("samples").resolve("switch-wayf"));
        try (var files = Files.list(Path.of("samples", "switch-wayf"))) {
            for (Path f : files.toList()) {
                Files.copy(f, sample.resolve(f.getFileName()));
            }
        }
        // the window (1560×960) fits the headless screen
        List<String> jvm = new ArrayList<>(List.of("-Duser.home=" + dir.resolve("home"), "-Dheadless.geometry=1600x1000-32"));
        for (String prop : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text", "testfx.headless")) {
            String v = System.getProperty(prop);
            if (v != null && !v.startsWith("${")) {
                jvm.add("-D" + prop + "=" + v);
            }
        }
        String out = runChild(net.parallax.ui.NoNetworkGuiMain.class.getName(), jvm, dir.toString(), dir);
        assertThat(attempts(out)).as("connection attempts; child output:\n" + out).isEmpty();
        Map<String, String> r = results(out);
        assertThat(r).as(out).containsEntry("captures", "2").containsEntry("annotationsAdded", "1").containsEntry("saved", "true")
                .containsEntry("filterApplied", "true").containsEntry("exported", "6").containsEntry("fileNotices", "0")
                .containsEntry("tourStep", "1").containsEntry("errors", "0");
        assertThat(Integer.parseInt(r.get("matches"))).isPositive();
        assertThat(Integer.parseInt(r.get("workspaceAnnotations"))).isPositive();
        assertThat(Integer.parseInt(r.get("detailBytes"))).isGreaterThan(100);
        assertThat(Integer.parseInt(r.get("filterShown"))).isPositive();
        assertThat(Integer.parseInt(r.get("followShown"))).isPositive();
        assertThat(sample.resolve("case.parallax")).content().contains("no-network check <b>");
        assertThat(dir.resolve("report.html")).content().contains("no-network check &lt;b&gt;");
        assertThat(Files.readAllBytes(dir.resolve("timeline.png"))).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(Files.readAllBytes(dir.resolve("client.pcapng"))).startsWith((byte) 0x0a, (byte) 0x0d, (byte) 0x0d, (byte) 0x0a);
    }
}
