package net.parallax.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostileWorkspaceTest {
    @TempDir
    Path dir;
    private final WorkspaceStore store = new WorkspaceStore(Path.of("/nonexistent-recovery"),
            new MutableClock(Instant.parse("2024-03-01T10:00:00Z")));

    private static final String SHA = "0".repeat(64);

    private Path write(String json) throws IOException {
        Path f = dir.resolve("hostile.parallax");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private String withCapture(String path) {
        return "{\"parallax\":\"workspace/1\",\"captures\":[{\"id\":\"A\",\"path\":" + path + ",\"size\":1,\"sha256\":\"" + SHA + "\"}]}";
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Path f = dir.resolve("huge.parallax");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("{\"parallax\":\"workspace/1\",\"title\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 17; i++) {
                out.write(chunk);
            }
        }
        assertThatThrownBy(() -> store.load(f)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("workspaces are at most 16777216 bytes");
    }

    @Test
    void deepNestingIsRefusedWithALimitError() throws IOException {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Path f = write("{\"parallax\":\"workspace/1\",\"tours\":[{\"x\":" + deep + "}]}");
        assertThatThrownBy(() -> store.load(f)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("exceeds a limit").hasMessageContaining("nesting depth");
    }

    @Test
    void classNameKeysAreRefusedAsPolymorphicTyping() throws IOException {
        Path f = write("{\"parallax\":\"workspace/1\",\"annotations\":[{\"@class\":\"javax.script.ScriptEngineManager\",\"id\":\"n1\"}]}");
        assertThatThrownBy(() -> store.load(f)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("annotations[0]").hasMessageContaining("'@class' refused");
    }

    @Test
    void wrongTypesNameThePlaceInTheFile() throws IOException {
        Path f = write("{\"parallax\":\"workspace/1\",\"annotations\":[{\"id\":\"n1\",\"target\":{\"kind\":\"packet\",\"capture\":\"A\",\"frame\":\"21\"},"
                + "\"text\":\"x\",\"tag\":\"note\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}]}");
        assertThatThrownBy(() -> store.load(f)).hasMessageContaining("annotations[0].target.frame: expected a whole number");
    }

    @Test
    void aHugeFrameNumberIsRefused() throws IOException {
        Path f = write("{\"parallax\":\"workspace/1\",\"annotations\":[{\"id\":\"n1\",\"target\":{\"kind\":\"packet\",\"capture\":\"A\",\"frame\":99999999999999},"
                + "\"text\":\"x\",\"tag\":\"note\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}]}");
        assertThatThrownBy(() -> store.load(f)).hasMessageContaining("below 2^31");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"../../etc/passwd\"|climbs out",
            "\"a/../../x.pcap\"|climbs out",
            "\"/etc/passwd\"|absolute",
            "\"C:/Windows/x.pcap\"|absolute",
            "\"..\\\\x.pcap\"|backslash",
            "\".\"|folder itself",
            "42|expected a string"})
    void capturePathsThatLeaveTheWorkspaceFolderAreRefused(String path, String why) throws IOException {
        Path f = write(withCapture(path));
        assertThatThrownBy(() -> store.load(f)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("captures[0].path").hasMessageContaining(why);
    }

    @Test
    void unknownKeysAreRefusedNotIgnored() throws IOException {
        Path f = write("{\"parallax\":\"workspace/1\",\"exec\":\"rm -rf /\"}");
        assertThatThrownBy(() -> store.load(f)).hasMessageContaining("unknown key 'exec'");
    }

    @Test
    void newerSchemaSaysSo() throws IOException {
        Path f = write("{\"parallax\":\"workspace/9\"}");
        assertThatThrownBy(() -> store.load(f)).hasMessageContaining("newer Parallax");
    }

    @Test
    void notJsonGivesTheByteOffset() throws IOException {
        Path f = write("{\"parallax\":\"workspace/1\", oops}");
        assertThatThrownBy(() -> store.load(f)).hasMessageContaining("not valid JSON at byte offset");
    }

    @Test
    void trailingGarbageAndDuplicateKeysAreRefused() throws IOException {
        assertThatThrownBy(() -> store.load(write("{\"parallax\":\"workspace/1\"} {}"))).isInstanceOf(WorkspaceException.class);
        assertThatThrownBy(() -> store.load(write("{\"parallax\":\"workspace/1\",\"title\":\"a\",\"title\":\"b\"}")))
                .hasMessageContaining("Duplicate field");
    }

    @Test
    void tooManyAnnotationsAreRefusedByCount() throws IOException {
        StringBuilder sb = new StringBuilder("{\"parallax\":\"workspace/1\",\"annotations\":[");
        for (int i = 0; i <= Annotations.MAX_COUNT; i++) {
            sb.append(i == 0 ? "" : ",").append("{}");
        }
        Path f = write(sb.append("]}").toString());
        assertThatThrownBy(() -> store.load(f)).hasMessageContaining("more than the limit of " + Annotations.MAX_COUNT);
    }

    @Test
    void aNonObjectRootAndAMissingSchemaAreRefused() throws IOException {
        assertThatThrownBy(() -> store.load(write("[1,2]"))).hasMessageContaining("a workspace is a JSON object, got array");
        assertThatThrownBy(() -> store.load(write("{\"title\":\"x\"}"))).hasMessageContaining("\"parallax\" schema key is missing");
    }

    @Test
    void aValidMinimalWorkspaceLoads() throws IOException {
        Files.write(dir.resolve("a.pcap"), new byte[] {0});
        assertThat(store.load(write(withCapture("\"a.pcap\""))).captures()).hasSize(1);
    }

    @Test
    void exportNamesFromAWorkspaceCannotLeaveTheExportFolder() {
        assertThatThrownBy(() -> WorkspacePaths.child(dir, "../evil.html")).hasMessageContaining("not a plain file name");
        assertThatThrownBy(() -> WorkspacePaths.child(dir, "/etc/cron.d/x")).hasMessageContaining("not a plain file name");
        assertThatThrownBy(() -> WorkspacePaths.child(dir, "..")).hasMessageContaining("not a plain file name");
        assertThat(WorkspacePaths.child(dir, "report.html")).isEqualTo(dir.resolve("report.html"));
    }
}
