package org.switchboard.ui.view;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.switchboard.ui.model.BanPreset;

/**
 * The question behind Ban…, Mute… and Add ban…: whom (asked only when not given), for how long (a
 * preset, an hour unless changed) and why. The confirm button waits for a target.
 */
final class BanDialog {
    /** What the operator chose. */
    record Answer(String target, BanPreset preset, String reason) { }

    private BanDialog() {
    }

    /**
     * @param target the user's name from the users list, or null to ask for a name, an address or a range
     * @param confirm the confirm button's text ("Ban", "Mute")
     */
    static Optional<Answer> ask(Window owner, String title, String header, String target, String confirm) {
        Dialog<Answer> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        ButtonType ok = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);

        TextField whom = new TextField(target == null ? "" : target);
        whom.setId("banTargetField");
        whom.setPromptText("name, address (10.0.0.5, ::1) or range (10.0.0.0/24)");
        whom.setPrefColumnCount(28);
        ChoiceBox<BanPreset> duration = new ChoiceBox<>();
        duration.setId("banDurationChoice");
        duration.getItems().setAll(BanPreset.values());
        duration.setValue(BanPreset.ONE_HOUR);
        TextField reason = new TextField();
        reason.setId("banReasonField");
        reason.setPromptText("optional; they will see it");
        reason.setPrefColumnCount(28);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        if (target == null) {
            grid.addRow(row++, new Label("Name or address:"), whom);
        }
        grid.addRow(row++, new Label("For:"), duration);
        grid.addRow(row, new Label("Reason:"), reason);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(whom.textProperty().isEmpty());
        dialog.setOnShown(e -> (target == null ? whom : reason).requestFocus());
        dialog.setResultConverter(button -> button == ok
                ? new Answer(whom.getText().strip(), duration.getValue(), reason.getText()) : null);
        return dialog.showAndWait();
    }
}
