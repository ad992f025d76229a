package org.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.switchboard.support.TestServer;
import org.testfx.framework.junit5.Start;

/** The window's icon: the one of assets/, in every size rendered from its SVG. */
class WindowIconTest extends PanelTest {
    Stage stage;

    @Start
    void start(Stage window) {
        stage = window;
        open(stage, TestServer.config(dir));
    }

    @Test
    void theWindowHasTheIconInEverySizeOfAssets() {
        assertThat(stage.getIcons()).extracting(Image::getWidth, Image::getHeight).containsExactly(
                tuple(16.0, 16.0), tuple(32.0, 32.0), tuple(48.0, 48.0), tuple(64.0, 64.0), tuple(128.0, 128.0),
                tuple(256.0, 256.0));
        assertThat(stage.getIcons()).noneMatch(Image::isError);
    }
}
