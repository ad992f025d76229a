package org.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {
    private final Payload payload = new Payload("r1x");

    private boolean find(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return payload.find(bytes, 0, bytes.length);
    }

    @Test
    void findsItsOwnPayloadInAChatLine() {
        assertThat(find("[12:04] bench7: " + payload.format(42, 123_456_789_012L))).isTrue();
        assertThat(payload.seq()).isEqualTo(42);
        assertThat(payload.nanos()).isEqualTo(123_456_789_012L);
    }

    @Test
    void findsItsOwnPayloadInAnIrcLine() {
        assertThat(find(":bench7!~bench7@127.0.0.1 PRIVMSG #bench :" + payload.format(7, -55))).isTrue();
        assertThat(payload.seq()).isEqualTo(7);
        assertThat(payload.nanos()).isEqualTo(-55);
    }

    @Test
    void findsThePayloadBehindAPrefixWithMarksOfItsOwn() {
        assertThat(find(":a@@b!x@@r1x:9 PRIVMSG #bench :" + payload.format(8, 21))).isTrue();
        assertThat(payload.seq()).isEqualTo(8);
        assertThat(payload.nanos()).isEqualTo(21);
    }

    @Test
    void ignoresAnotherRunsLines() {
        assertThat(find("[12:04] bench7: " + new Payload("old").format(42, 1))).isFalse();
        assertThat(find("[12:04] bench7: " + new Payload("r1xy").format(42, 1))).isFalse();
    }

    @Test
    void ignoresLinesWithoutAPayload() {
        assertThat(find("* bench7 joined")).isFalse();
        assertThat(find("@@r1x:")).isFalse();
        assertThat(find("@@r1x:12")).isFalse();
        assertThat(find("@@r1x:12:")).isFalse();
        assertThat(find("@@r1x::5")).isFalse();
        assertThat(find("")).isFalse();
    }

    @Test
    void looksOnlyInsideTheGivenRange() {
        byte[] bytes = ("xx" + payload.format(3, 9) + "yy").getBytes(StandardCharsets.US_ASCII);
        assertThat(payload.find(bytes, 2, bytes.length - 2)).isTrue();
        assertThat(payload.nanos()).isEqualTo(9);
        assertThat(payload.find(bytes, 3, bytes.length)).isFalse();
    }

    @Test
    void refusesARunIdThatASanitiserCouldChange() {
        assertThatThrownBy(() -> new Payload("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payload("")).isInstanceOf(IllegalArgumentException.class);
    }
}
