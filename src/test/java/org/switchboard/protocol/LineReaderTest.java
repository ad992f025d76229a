package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> lines(byte[] bytes, int limit) throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(bytes), limit);
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static List<String> lines(String text) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8), 100);
    }

    @Test
    void crLfLfCrNulAndALoneCrAllEndALine() throws IOException {
        assertThat(lines("a\r\nb\nc\r\0d\re")).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void emptyLinesAreKept() throws IOException {
        assertThat(lines("\r\n\nx\n")).containsExactly("", "", "x");
    }

    @Test
    void aLastLineWithoutTerminatorIsReturnedAtTheEnd() throws IOException {
        assertThat(lines("one\ntwo")).containsExactly("one", "two");
    }

    @Test
    void utf8IsDecodedAndInvalidBytesBecomeReplacementCharacters() throws IOException {
        byte[] bytes = {'h', 'i', ' ', (byte) 0xD0, (byte) 0x9F, ' ', (byte) 0xC3, '\n'};
        assertThat(lines(bytes, 100)).containsExactly("hi П \uFFFD");
    }

    @Test
    void telnetNegotiationIsDropped() throws IOException {
        byte[] bytes = {(byte) 255, (byte) 251, 1, 'o', 'k', (byte) 255, (byte) 250, 24, 0, 'x', (byte) 255,
            (byte) 240, (byte) 255, (byte) 244, '!', '\r', '\n'};
        assertThat(lines(bytes, 100)).containsExactly("ok!");
    }

    @Test
    void anOverlongLineIsSkippedToItsEndAndReadingGoesOn() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(
                ("x".repeat(50) + "\nshort\n").getBytes(StandardCharsets.UTF_8)), 16);
        assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class)
                .hasMessageContaining("16 bytes");
        assertThat(reader.readLine()).isEqualTo("short");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws IOException {
        assertThat(lines(("y".repeat(16) + "\n").getBytes(StandardCharsets.UTF_8), 16)).containsExactly("y".repeat(16));
    }
}
