package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizerTest {
    @Test
    void plainTextIsLeftAlone() {
        String text = "Hello, мир! \t tabs stay 😀";
        assertThat(Sanitizer.clean(text)).isSameAs(text);
    }

    @Test
    void ansiColourAndCursorSequencesAreRemovedWhole() {
        assertThat(Sanitizer.clean("\u001b[31mred\u001b[0m \u001b[2J\u001b[1;1Hhome")).isEqualTo("red home");
    }

    @Test
    void oscTitleSequencesAreRemoved() {
        assertThat(Sanitizer.clean("a\u001b]0;owned\u0007b\u001b]2;x\u001b\\c")).isEqualTo("abc");
    }

    @Test
    void c0AndC1ControlsAndDelAreRemoved() {
        assertThat(Sanitizer.clean("a\u0000b\u0008c\rd\ne\u007ff\u0085g\u009bh")).isEqualTo("abcdefg");
    }

    @Test
    void bidiOverridesAreRemoved() {
        assertThat(Sanitizer.clean("admin\u202Egnp.exe")).isEqualTo("admingnp.exe");
    }

    @Test
    void forgedLogLinesCannotBreakOutOfTheirLine() {
        assertThat(Sanitizer.clean("hi\r\n2026-01-01 00:00:00.000 INFO  Server stopped"))
                .doesNotContain("\n").doesNotContain("\r");
    }
}
