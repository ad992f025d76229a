package org.switchboard.ui.view;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.switchboard.server.PortInfo;
import org.switchboard.ui.model.StatusModel;

/**
 * Every port the server listens on, one chip each with its protocol and whether it is encrypted, and
 * the TLS certificate's SHA-256 fingerprint with a Copy button, for the operator to hand to users who
 * check it (the console client shows it on first use). A fourth port is one more chip. The
 * fingerprint has a row of its own: beside three ports it would not fit the window's default width.
 */
final class PortsBar extends VBox {
    private final StatusModel status;
    private final HBox chips = new HBox(6);
    private final HBox certificate = new HBox(8);

    PortsBar(StatusModel status) {
        this.status = status;
        createView();
        initListeners();
    }

    private void createView() {
        setId("portsBar");
        getStyleClass().add("ports-bar");
        setSpacing(4);
        Label title = new Label("Ports");
        title.getStyleClass().add("ports-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        chips.setId("portChips");
        chips.setAlignment(Pos.CENTER_LEFT);
        HBox ports = new HBox(8, title, chips);
        ports.setAlignment(Pos.CENTER_LEFT);

        Label what = new Label("TLS certificate");
        what.getStyleClass().add("ports-title");
        what.setMinWidth(Region.USE_PREF_SIZE);
        TextField fingerprint = new TextField();
        fingerprint.setId("fingerprintField");
        fingerprint.setEditable(false);
        fingerprint.getStyleClass().add("fingerprint");
        fingerprint.textProperty().bind(status.fingerprintProperty());
        // wide enough for the whole SHA-256 fingerprint (102 characters); narrower only in a narrow window
        fingerprint.setPrefColumnCount(104);
        fingerprint.setMinWidth(120);
        HBox.setHgrow(fingerprint, Priority.NEVER);
        fingerprint.setTooltip(new Tooltip("SHA-256 fingerprint of the certificate the TLS ports present;"
                + " users compare it with what their client shows on first use"));
        Button copy = new Button("Copy");
        copy.setId("copyFingerprintButton");
        copy.setTooltip(new Tooltip("Copy the fingerprint to the clipboard"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(status.fingerprintProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        certificate.getChildren().setAll(what, fingerprint, copy);
        certificate.setAlignment(Pos.CENTER_LEFT);
        certificate.setId("certificateRow");
        certificate.visibleProperty().bind(status.fingerprintProperty().isNotEmpty());
        certificate.managedProperty().bind(certificate.visibleProperty());

        getChildren().setAll(ports, certificate);
        showPorts();
    }

    private void initListeners() {
        status.ports().addListener((ListChangeListener<PortInfo>) change -> showPorts());
    }

    private void showPorts() {
        chips.getChildren().setAll(status.ports().stream().map(PortsBar::chip).toList());
    }

    /** {@code 5443 line+TLS · encrypted}, or {@code 5050 line · plain}. */
    private static Label chip(PortInfo port) {
        String secrecy = port.encrypted() ? "encrypted" : "plain";
        Label chip = new Label(port.port() + " " + port.protocol() + " · " + secrecy);
        chip.setId("port-" + port.name());
        chip.getStyleClass().addAll("port-chip", port.encrypted() ? "port-encrypted" : "port-plain");
        chip.setMinWidth(Region.USE_PREF_SIZE);
        chip.setTooltip(new Tooltip(port.encrypted()
                ? "Encrypted with TLS: passwords and lines are private on the way"
                : "Not encrypted: anyone on the way can read passwords and lines"));
        return chip;
    }
}
