package org.switchboard.ui.view;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.switchboard.server.ServerConfig;
import org.switchboard.ui.model.LimitsForm;

/**
 * The limits against abuse, one spinner each, for the next start. Answers the new configuration, or
 * nothing when cancelled; a value out of range keeps the dialog open and says which.
 */
final class LimitsDialog {
    private LimitsDialog() {
    }

    static Optional<ServerConfig> edit(Window owner, ServerConfig current) {
        Dialog<ServerConfig> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Limits");
        dialog.setHeaderText("Limits against abuse, from the next start");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(apply, ButtonType.CANCEL);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        Map<LimitsForm.Field, Spinner<Integer>> spinners = new LinkedHashMap<>();
        int row = 0;
        for (Map.Entry<LimitsForm.Field, Integer> entry : LimitsForm.read(current).entrySet()) {
            LimitsForm.Field field = entry.getKey();
            Spinner<Integer> spinner = new Spinner<>(field.min(), field.max(), entry.getValue());
            spinner.setEditable(true);
            spinner.setId("limit-" + field.key());
            spinner.setPrefWidth(130);
            grid.addRow(row++, new Label(field.label()), spinner);
            spinners.put(field, spinner);
        }
        Label problem = new Label();
        problem.setId("limitsProblem");
        problem.getStyleClass().add("limits-problem");
        dialog.getDialogPane().setContent(new VBox(10, grid, problem));

        ServerConfig[] result = new ServerConfig[1];
        dialog.getDialogPane().lookupButton(apply).addEventFilter(ActionEvent.ACTION, event -> {
            try {
                Map<LimitsForm.Field, Integer> values = new LinkedHashMap<>();
                spinners.forEach((field, spinner) -> values.put(field, valueOf(spinner)));
                result[0] = LimitsForm.apply(current, values);
            } catch (IllegalArgumentException e) {
                problem.setText(e.getMessage());
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == apply ? result[0] : null);
        return dialog.showAndWait();
    }

    /** The spinner's value, including text typed but not yet committed; an unreadable text is out of range. */
    private static int valueOf(Spinner<Integer> spinner) {
        String typed = spinner.getEditor().getText().strip();
        try {
            return Integer.parseInt(typed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + typed + "' is not a whole number");
        }
    }
}
