package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application opens no network connection. {@link NoNetworkMain} runs in a child JVM with every
 * socket, datagram, NIO channel, URL and proxy path trapped (see its comment for how and what is
 * covered), and prints each attempt. The self-check proves that each trap does catch an attempt;
 * the flows run samples, analyze, compare (JSON, HTML and PNG) and report, and must make none.
 */
class NoNetworkTest {
    @TempDir
    Path dir;

    private static List<String> runChild(String arg) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.log.org.pcap4j=warn",
                "-Djava.nio.channels.spi.SelectorProvider=" + NoNetworkMain.RefusingSelectorProvider.class.getName(),
                "-cp", System.getProperty("java.class.path"), NoNetworkMain.class.getName(), arg)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("child output:\n" + out).isZero();
        assertThat(out).contains("ATTEMPTS ");
        return out.lines().filter(l -> l.startsWith("ATTEMPT ")).map(l -> l.substring(8)).toList();
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
}
