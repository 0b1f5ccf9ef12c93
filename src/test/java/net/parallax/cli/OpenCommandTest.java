package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parallax open FILE…} and {@code parallax FILE…} hand the files to the workbench, after checking them. */
class OpenCommandTest {
    private final List<List<String>> opened = new ArrayList<>();

    @AfterEach
    void noWorkbench() {
        ParallaxCli.setWorkbench(null);
    }

    @org.junit.jupiter.api.BeforeEach
    void fakeWorkbench() {
        ParallaxCli.setWorkbench(opened::add);
    }

    @Test
    void opensTheNamedCapturesInOrder(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.pcapng"), "x");
        Path b = Files.writeString(dir.resolve("b.pcap"), "x");
        CliRunner r = CliRunner.run("open", b.toString(), a.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(opened).containsExactly(List.of(b.toString(), a.toString()));
    }

    @Test
    void onlyFileNamesMeanOpen(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.pcapng"), "x");
        Path ws = Files.writeString(dir.resolve("case.parallax"), "{}");
        assertThat(CliRunner.run(a.toString()).exitCode()).isZero();
        assertThat(CliRunner.run(ws.toString()).exitCode()).isZero();
        assertThat(opened).containsExactly(List.of(a.toString()), List.of(ws.toString()));
    }

    @Test
    void aWordThatIsNeitherCommandNorFileIsAUsageError(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.pcapng"), "x");
        CliRunner r = CliRunner.run(a.toString(), dir.resolve("missing.pcap").toString());
        assertThat(r.exitCode()).isEqualTo(ParallaxCli.USAGE);
        assertThat(r.err()).contains("Unmatched argument");
        assertThat(opened).isEmpty();
    }

    @Test
    void aMissingFileIsNamedAndNothingOpens(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.pcapng"), "x");
        Path missing = dir.resolve("nope.pcap");
        CliRunner r = CliRunner.run("open", a.toString(), missing.toString());
        assertThat(r.exitCode()).isEqualTo(ParallaxCli.NO_INPUT);
        assertThat(r.err()).contains(missing + ": no such file");
        assertThat(opened).isEmpty();
        CliRunner d = CliRunner.run("open", dir.toString());
        assertThat(d.exitCode()).isEqualTo(ParallaxCli.NO_INPUT);
        assertThat(d.err()).contains(dir + ": not a readable file");
    }

    @Test
    void aWorkspaceOpensAlone(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.pcapng"), "x");
        Path ws = Files.writeString(dir.resolve("case.parallax"), "{}");
        CliRunner r = CliRunner.run("open", ws.toString(), a.toString());
        assertThat(r.exitCode()).isEqualTo(ParallaxCli.USAGE);
        assertThat(r.err()).contains("either captures or one workspace");
        assertThat(opened).isEmpty();
    }

    @Test
    void theHelpListsOpen() {
        assertThat(CliRunner.run("--help").out()).contains("open");
    }

    @Test
    void theLauncherGivesTheCommandLineFlagsToEveryCommandButOpen() {
        String script = LauncherCommand.script();
        String cases = script.lines().filter(l -> l.contains("|-*)")).findFirst().orElseThrow().trim();
        List<String> named = List.of(cases.substring(0, cases.indexOf("|-*)")).split("\\|"));
        List<String> expected = new ArrayList<>(ParallaxCli.commandNames());
        expected.remove("open");
        assertThat(named).containsExactlyInAnyOrderElementsOf(expected);
    }
}
