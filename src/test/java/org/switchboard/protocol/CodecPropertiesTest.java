package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Any bytes in, valid bounded lines out: the codec, the name rules and the sanitiser for all inputs. */
class CodecPropertiesTest {

    /** Reads every line; overlong ones are counted, not returned. */
    record Decoded(List<String> lines, int overlong) { }

    static Decoded decodeAll(byte[] bytes, int maxBytes, int chunk) throws IOException {
        LineReader reader = new LineReader(new Trickle(bytes, chunk), maxBytes);
        List<String> lines = new ArrayList<>();
        int overlong = 0;
        while (true) {
            try {
                String line = reader.readLine();
                if (line == null) {
                    return new Decoded(lines, overlong);
                }
                lines.add(line);
            } catch (LineTooLongException e) {
                overlong++;
            }
        }
    }

    /** Hands the bytes out a few at a time, as a network does, so that every split point is tried. */
    static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int chunk;
        private int position;

        Trickle(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), bytes.length - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }

    @Property(tries = 500)
    void anyBytesGiveBoundedLinesWithoutLineBreaks(@ForAll @Size(max = 3000) byte[] bytes,
            @ForAll @IntRange(min = 16, max = 512) int maxBytes, @ForAll @IntRange(min = 1, max = 64) int chunk)
            throws IOException {
        Decoded decoded = decodeAll(bytes, maxBytes, chunk);
        int terminators = 0;
        for (byte b : bytes) {
            terminators += b == '\n' || b == '\r' ? 1 : 0;
        }
        assertThat(decoded.lines().size() + decoded.overlong()).isLessThanOrEqualTo(terminators + 1);
        for (String line : decoded.lines()) {
            assertThat(line).doesNotContain("\r").doesNotContain("\n");
            // at most maxBytes bytes went in; each invalid byte may come out as one U+FFFD
            assertThat(line.length()).isLessThanOrEqualTo(maxBytes);
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(3 * maxBytes);
        }
    }

    @Property(tries = 300)
    void textLinesSurviveAnyTerminatorsTelnetNegotiationAndSplitting(
            @ForAll("textLines") List<String> lines, @ForAll("terminators") List<String> terminators,
            @ForAll @IntRange(min = 1, max = 16) int chunk) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            wire.writeBytes(new byte[] {(byte) 255, (byte) 253, 24}); // IAC DO TERMINAL-TYPE
            wire.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
            wire.writeBytes(new byte[] {(byte) 255, (byte) 250, 24, 1, (byte) 255, (byte) 240}); // IAC SB ... IAC SE
            wire.writeBytes(terminators.get(i % terminators.size()).getBytes(StandardCharsets.ISO_8859_1));
        }
        Decoded decoded = decodeAll(wire.toByteArray(), 4096, chunk);
        assertThat(decoded.lines()).isEqualTo(lines);
        assertThat(decoded.overlong()).isZero();
    }

    @Property(tries = 200)
    void anOverlongLineIsSkippedAndTheNextLineIsReadWhole(@ForAll @IntRange(min = 257, max = 5000) int length,
            @ForAll("textLines") List<String> after) throws IOException {
        String next = after.isEmpty() ? "next" : after.get(0);
        byte[] wire = ("z".repeat(length) + "\r\n" + next + "\n").getBytes(StandardCharsets.UTF_8);
        Decoded decoded = decodeAll(wire, 256, 7); // a generated line has at most 60 chars, 180 bytes
        assertThat(decoded.overlong()).isEqualTo(1);
        assertThat(decoded.lines()).containsExactly(next);
    }

    @Provide
    Arbitrary<List<String>> textLines() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('а', 'я').withChars('\t', '€', '字')
                .ofMinLength(0).ofMaxLength(60).list().ofMinSize(0).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<String>> terminators() {
        return Arbitraries.of("\r\n", "\n", "\r\0").list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 1000)
    void theSanitiserLeavesNoControlsNoEscapesAndIsIdempotent(@ForAll String text) {
        String clean = Sanitizer.clean(text);
        assertThat(clean.chars().noneMatch(c -> Sanitizer.isUnsafe((char) c))).isTrue();
        assertThat(clean).doesNotContain("\u001b");
        assertThat(clean.length()).isLessThanOrEqualTo(text.length());
        assertThat(Sanitizer.clean(clean)).isEqualTo(clean);
    }

    @Property(tries = 300)
    void theSanitiserLeavesOrdinaryTextAlone(@ForAll("textLines") List<String> lines) {
        for (String line : lines) {
            assertThat(Sanitizer.clean(line)).isEqualTo(line);
        }
    }

    @Property(tries = 300)
    void anyDecodedLineSanitisedIsSafeToShow(@ForAll @Size(max = 2000) byte[] bytes) throws IOException {
        for (String line : decodeAll(bytes, 256, 13).lines()) {
            String clean = Sanitizer.clean(line);
            assertThat(clean.chars().noneMatch(c -> c < 0x20 && c != 9 || c >= 0x7F && c <= 0x9F)).isTrue();
        }
    }

    @Property(tries = 1000)
    void anAcceptedNameIsShortSafeAndNotReserved(@ForAll String name) {
        Optional<String> problem = Names.problem(name);
        if (problem.isEmpty()) {
            assertThat(name.codePointCount(0, name.length())).isBetween(1, Names.MAX_LENGTH);
            assertThat(Sanitizer.clean(name)).isEqualTo(name);
            assertThat(name).doesNotContain(" ").doesNotContain("\t");
            assertThat(name.codePoints()).allMatch(
                    c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
            assertThat(Names.key(name)).isEqualTo(Names.key(Names.key(name)));
        } else {
            assertThat(problem.get()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void reservedNamesAreRefusedInAnyCase(@ForAll("reserved") String name, @ForAll boolean upper) {
        String spelled = upper ? name.toUpperCase(java.util.Locale.ROOT) : name;
        assertThat(Names.problem(spelled)).hasValueSatisfying(p -> assertThat(p).contains("reserved"));
    }

    @Provide
    Arbitrary<String> reserved() {
        return Arbitraries.of("server", "admin", "Administrator", "operator", "root", "system", "switchboard");
    }

    @Property(tries = 200)
    void namesLongerThanTheLimitAreRefused(@ForAll @IntRange(min = 33, max = 200) int length) {
        assertThat(Names.problem("a".repeat(length))).isPresent();
        assertThat(Names.problem("a".repeat(32))).isEmpty();
    }
}
