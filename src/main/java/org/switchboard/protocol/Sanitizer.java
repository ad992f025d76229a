package org.switchboard.protocol;

/**
 * Makes client text safe to show on other people's terminals, in the history and in the log (CWE-117).
 *
 * <p>Removes ANSI escape sequences (CSI, OSC and two-byte ESC sequences), C0 controls but tab, DEL,
 * C1 controls and the Unicode bidirectional overrides that can make text read differently from what
 * it is. Stateless and thread-safe.
 */
public final class Sanitizer {
    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;
    private static final char CSI_C1 = 0x9B;
    private static final char OSC_C1 = 0x9D;

    private Sanitizer() {
    }

    public static String clean(String text) {
        if (isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ESC || c == CSI_C1 || c == OSC_C1) {
                i = skipEscape(text, i);
                continue;
            }
            if (!isUnsafe(c)) {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isUnsafe(char c) {
        return (c < 0x20 && c != '\t')
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }

    /** Returns the index just past the escape sequence that starts at {@code start}. */
    private static int skipEscape(String text, int start) {
        char first = text.charAt(start);
        int i = start + 1;
        boolean csi = first == CSI_C1;
        boolean osc = first == OSC_C1;
        if (first == ESC && i < text.length()) {
            char next = text.charAt(i);
            csi = next == '[';
            osc = next == ']';
            i++;
            if (!csi && !osc) {
                return i;
            }
        }
        if (csi) {
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c >= 0x40 && c <= 0x7E) {
                    break;
                }
            }
            return i;
        }
        if (osc) {
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == BEL || c == ESC) {
                    if (c == ESC && i < text.length() && text.charAt(i) == '\\') {
                        i++;
                    }
                    break;
                }
            }
        }
        return i;
    }
}
