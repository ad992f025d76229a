package org.switchboard.ui.view;

import javafx.scene.Node;
import javafx.scene.shape.SVGPath;

/** Small vector icons for the toolbar, drawn here so the panel needs no icon font. */
final class Glyphs {
    private Glyphs() {
    }

    static Node play() {
        return glyph("M3 1.5 L13 8 L3 14.5 Z");
    }

    static Node pause() {
        return glyph("M3 2 H6.5 V14 H3 Z M9.5 2 H13 V14 H9.5 Z");
    }

    static Node stop() {
        return glyph("M3 3 H13 V13 H3 Z");
    }

    static Node broom() {
        return glyph("M2 3 H14 V5 H2 Z M3 6.5 H13 V8.5 H3 Z M4 10 H12 V12 H4 Z");
    }

    static Node people() {
        return glyph("M6 2 A3 3 0 1 1 5.99 2 Z M1 14 C1 9.5 11 9.5 11 14 Z M11.5 3 A2.5 2.5 0 1 1 11.49 3 Z"
                + " M12 9 C14 9 15.5 10.5 15.5 13 H12.5 C12.5 11.5 12.2 10 12 9 Z");
    }

    static Node export() {
        return glyph("M7 2 H9 V9 H11.5 L8 12.5 L4.5 9 H7 Z M2 13 H14 V15 H2 Z");
    }

    private static Node glyph(String path) {
        SVGPath svg = new SVGPath();
        svg.setContent(path);
        svg.getStyleClass().add("glyph");
        return svg;
    }
}
