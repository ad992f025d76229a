package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time search finds the same line end as a byte-by-byte one. */
class NewlinesTest {
    private static int naive(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstLineEndInTheRangeOnly() {
        byte[] bytes = "abc\ndefghijklmnop\nq\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(Newlines.indexOf(bytes, 0, bytes.length)).isEqualTo(3);
        assertThat(Newlines.indexOf(bytes, 4, bytes.length)).isEqualTo(17);
        assertThat(Newlines.indexOf(bytes, 4, 17)).isEqualTo(-1);
        assertThat(Newlines.indexOf(bytes, 18, bytes.length)).isEqualTo(19);
        assertThat(Newlines.indexOf(bytes, 0, 0)).isEqualTo(-1);
    }

    @Test
    void bytesNextToANewlineInValueAreNoNewline() {
        // 0x0B and 0x8A differ from 0x0A by one bit: a wrong mask would take them for line ends
        byte[] bytes = {0x0B, 0x09, (byte) 0x8A, 0x0B, (byte) 0xFF, 0x00, 0x1A, 0x0B, 0x0B, 0x0A};
        assertThat(Newlines.indexOf(bytes, 0, bytes.length)).isEqualTo(9);
    }

    @Property(tries = 2000)
    void agreesWithAByteByByteSearch(@ForAll @Size(max = 64) byte[] bytes, @ForAll @IntRange(max = 64) int a,
            @ForAll @IntRange(max = 64) int b) {
        int from = Math.min(Math.min(a, b), bytes.length);
        int to = Math.min(Math.max(a, b), bytes.length);
        for (int i = 0; i < bytes.length; i += 5) {
            bytes[i] = '\n'; // random bytes alone would hardly ever hold one
        }
        assertThat(Newlines.indexOf(bytes, from, to)).isEqualTo(naive(bytes, from, to));
    }
}
