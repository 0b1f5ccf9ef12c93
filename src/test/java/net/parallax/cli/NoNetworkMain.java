package net.parallax.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceJson;

/**
 * Runs the headless flows with every way out of the JVM to the network trapped, and prints each
 * attempt. Started by {@link NoNetworkTest} in a child JVM so that the process-wide factories it
 * installs (they can be set only once) touch no other test.
 *
 * <p>The traps, all installed before any application code runs: {@link Socket#setSocketImplFactory}
 * (every {@code java.net.Socket}, so every TCP connect through the classic API, including
 * HttpURLConnection's), {@link ServerSocket#setSocketFactory}, {@link DatagramSocket#setDatagramSocketImplFactory}
 * (classic UDP), {@link URL#setURLStreamHandlerFactory} for http, https, ftp and mailto URLs,
 * {@link ProxySelector#setDefault} (consulted before any proxied connection), and the NIO
 * {@link SelectorProvider} (system property {@code java.nio.channels.spi.SelectorProvider}, set on the
 * child's command line: SocketChannel, ServerSocketChannel, DatagramChannel, selectors, and so
 * java.net.http). Each trap records the attempt and refuses it. Not covered: DNS look-ups through
 * {@link InetAddress} (Java 17 has no resolver hook); the layering test forbids the name-lookup calls instead.
 *
 * <p>Arguments: {@code WORKDIR} runs the flows; {@code --self-check} instead makes one attempt
 * through each trap, to prove that the traps catch what they claim.
 */
public final class NoNetworkMain {
    static final List<String> ATTEMPTS = Collections.synchronizedList(new ArrayList<>());

    private NoNetworkMain() {
    }

    public static void main(String[] args) throws Exception {
        install();
        if (args.length == 1 && args[0].equals("--self-check")) {
            selfCheck();
        } else {
            flows(Path.of(args[0]));
        }
        printAttempts();
        System.exit(0);
    }

    /** Prints every attempt the traps recorded ({@code ATTEMPT …} lines, then {@code ATTEMPTS n}). */
    public static void printAttempts() {
        for (String a : List.copyOf(ATTEMPTS)) {
            System.out.println("ATTEMPT " + a);
        }
        System.out.println("ATTEMPTS " + ATTEMPTS.size());
        System.out.flush();
    }

    static void record(String what) {
        ATTEMPTS.add(what);
    }

    /** Installs every trap (once per JVM, before any application code runs). */
    public static void install() throws IOException {
        Socket.setSocketImplFactory(RefusingSocketImpl::new);
        ServerSocket.setSocketFactory(RefusingSocketImpl::new);
        DatagramSocket.setDatagramSocketImplFactory(() -> {
            record("DatagramSocket");
            throw new SecurityException("network access refused by the test");
        });
        URL.setURLStreamHandlerFactory(protocol -> switch (protocol) {
            case "http", "https", "ftp", "mailto" -> new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) throws IOException {
                    record("URL " + u);
                    throw new IOException("network access refused by the test: " + u);
                }
            };
            default -> null;
        });
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                record("ProxySelector " + uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        if (!(SelectorProvider.provider() instanceof RefusingSelectorProvider)) {
            throw new IllegalStateException("start the JVM with -Djava.nio.channels.spi.SelectorProvider="
                    + RefusingSelectorProvider.class.getName());
        }
    }

    /** The headless flows: samples, analyze (each capture), compare (each pair, with HTML and PNG), report of a workspace. */
    private static void flows(Path dir) throws Exception {
        Writer sink = new StringWriter();
        PrintWriter out = new PrintWriter(sink);
        PrintWriter err = new PrintWriter(System.err, true);
        expect(ParallaxCli.run(new String[] {"samples", dir.toString()}, out, err), "samples");
        for (String sample : List.of(SampleGenerator.SWITCH_WAYF, SampleGenerator.HOST_LATENCY)) {
            Path folder = dir.resolve(sample);
            List<Path> captures;
            try (var s = Files.list(folder)) {
                captures = s.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?")).sorted().toList();
            }
            for (Path c : captures) {
                expect(ParallaxCli.run(new String[] {"analyze", c.toString(), "--json"}, out, err), "analyze " + c);
            }
            Path server = captures.stream().filter(p -> p.getFileName().toString().startsWith("server")).findFirst().orElseThrow();
            Path client = captures.stream().filter(p -> p.getFileName().toString().startsWith("client")).findFirst().orElseThrow();
            expect(ParallaxCli.run(new String[] {"compare", server.toString(), client.toString(), "--json",
                    "--html", folder.resolve("report.html").toString(), "--png", folder.resolve("timeline.png").toString()},
                    out, err), "compare " + sample);
            Workspace w = Workspace.empty().withCaptures(List.of(CaptureLocator.fingerprint("A", server),
                    CaptureLocator.fingerprint("B", client)));
            Path ws = folder.resolve("case.parallax");
            Files.write(ws, WorkspaceJson.write(w, folder));
            expect(ParallaxCli.run(new String[] {"report", ws.toString(), "--json", "--html",
                    folder.resolve("ws-report.html").toString()}, out, err), "report " + sample);
        }
    }

    private static void expect(int code, String what) {
        if (code != ParallaxCli.OK) {
            throw new IllegalStateException(what + " exited with " + code);
        }
    }

    /** One attempt through each trap; each must be recorded. */
    private static void selfCheck() {
        List<ThrowingRunnable> attempts = List.of(
                () -> new Socket("127.0.0.1", 9).close(),
                () -> new ServerSocket(0).close(),
                () -> new DatagramSocket().close(),
                () -> new URL("http://127.0.0.1:9/").openStream().close(),
                () -> SocketChannel.open(new InetSocketAddress("127.0.0.1", 9)).close(),
                () -> DatagramChannel.open().close(),
                () -> ProxySelector.getDefault().select(URI.create("socket://127.0.0.1:9")));
        for (ThrowingRunnable a : attempts) {
            try {
                a.run();
            } catch (Exception | Error e) {
                // refused, as expected; the trap recorded it
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A socket implementation that refuses every connect and bind. */
    static final class RefusingSocketImpl extends SocketImpl {
        @Override
        protected void create(boolean stream) {
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            refuse("Socket connect " + host + ":" + port);
        }

        @Override
        protected void connect(InetAddress address, int port) throws IOException {
            refuse("Socket connect " + address + ":" + port);
        }

        @Override
        protected void connect(SocketAddress address, int timeout) throws IOException {
            refuse("Socket connect " + address);
        }

        @Override
        protected void bind(InetAddress host, int port) throws IOException {
            refuse("Socket bind " + host + ":" + port);
        }

        @Override
        protected void listen(int backlog) throws IOException {
            refuse("Socket listen");
        }

        @Override
        protected void accept(SocketImpl s) throws IOException {
            refuse("Socket accept");
        }

        @Override
        protected java.io.InputStream getInputStream() throws IOException {
            throw new IOException("not connected");
        }

        @Override
        protected java.io.OutputStream getOutputStream() throws IOException {
            throw new IOException("not connected");
        }

        @Override
        protected int available() {
            return 0;
        }

        @Override
        protected void close() {
        }

        @Override
        protected void sendUrgentData(int data) throws IOException {
            throw new IOException("not connected");
        }

        @Override
        public void setOption(int optID, Object value) {
        }

        @Override
        public Object getOption(int optID) {
            return null;
        }

        private static void refuse(String what) throws IOException {
            record(what);
            throw new IOException("network access refused by the test: " + what);
        }
    }

    /** The NIO provider of the child JVM: every channel and selector is refused. */
    public static final class RefusingSelectorProvider extends SelectorProvider {
        private static <T> T refuse(String what) throws IOException {
            record(what);
            throw new IOException("network access refused by the test: " + what);
        }

        @Override
        public DatagramChannel openDatagramChannel() throws IOException {
            return refuse("DatagramChannel");
        }

        @Override
        public DatagramChannel openDatagramChannel(java.net.ProtocolFamily family) throws IOException {
            return refuse("DatagramChannel");
        }

        @Override
        public Pipe openPipe() throws IOException {
            return refuse("Pipe");
        }

        @Override
        public AbstractSelector openSelector() throws IOException {
            return refuse("Selector");
        }

        @Override
        public ServerSocketChannel openServerSocketChannel() throws IOException {
            return refuse("ServerSocketChannel");
        }

        @Override
        public SocketChannel openSocketChannel() throws IOException {
            return refuse("SocketChannel");
        }
    }
}
