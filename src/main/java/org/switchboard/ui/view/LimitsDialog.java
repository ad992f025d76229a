package org.switchboard.ui.view;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.switchboard.server.ServerConfig;
import org.switchboard.ui.model.LimitsForm;

/**
 * The limits against abuse, one spinner each, for the next start. Answers the new configuration, or
 * nothing when cancelled; a value out of range keeps the dialog open and says which.
 */
final class LimitsDialog {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

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
            spinner.getValueFactory().setConverter(keepingTypedText(spinner));
            spinner.setId("limit-" + field.key());
            spinner.setPrefWidth(130);
            grid.addRow(row++, new Label(field.label()), spinner);
            spinners.put(field, spinner);
        }
        // the IRC settings, shown for what they are, with why they cannot change here
        Label fixedHeader = new Label("IRC (read-only)");
        fixedHeader.getStyleClass().add("limits-section");
        grid.add(fixedHeader, 0, row++, 2, 1);
        for (LimitsForm.Fixed fixed : LimitsForm.fixed(current)) {
            TextField value = new TextField(fixed.value());
            value.setId("fixed-" + fixed.key());
            value.setEditable(false);
            value.setFocusTraversable(false);
            value.getStyleClass().add("fixed-setting");
            value.setPrefWidth(130);
            value.setTooltip(new Tooltip(fixed.why()));
            grid.addRow(row++, new Label(fixed.label()), value);
        }
        Label why = new Label(LimitsForm.IRC_FIXED);
        why.setId("fixedWhy");
        why.getStyleClass().add("muted");
        why.setWrapText(true);
        why.setMaxWidth(360);
        grid.add(why, 0, row++, 2, 1);
        Label problem = new Label();
        problem.setId("limitsProblem");
        problem.getStyleClass().add("limits-problem");
        dialog.getDialogPane().setContent(new VBox(10, grid, problem));

        ServerConfig[] result = new ServerConfig[1];
        dialog.getDialogPane().lookupButton(apply).addEventFilter(ActionEvent.ACTION, event -> {
            Map<LimitsForm.Field, Integer> values = new LinkedHashMap<>();
            spinners.values().forEach(s -> s.pseudoClassStateChanged(INVALID, false));
            for (Map.Entry<LimitsForm.Field, Spinner<Integer>> entry : spinners.entrySet()) {
                Spinner<Integer> spinner = entry.getValue();
                try {
                    // the editor's text: typed but not yet committed is what the operator sees
                    values.put(entry.getKey(), LimitsForm.parse(entry.getKey(), spinner.getEditor().getText()));
                } catch (IllegalArgumentException e) {
                    refuse(event, problem, spinner, e.getMessage());
                    return;
                }
            }
            try {
                result[0] = LimitsForm.apply(current, values);
            } catch (IllegalArgumentException e) {
                refuse(event, problem, null, e.getMessage());
            }
        });
        dialog.setResultConverter(button -> button == apply ? result[0] : null);
        return dialog.showAndWait();
    }

    /**
     * The spinner commits its text when it loses the focus (to Apply, say), and its own converter threw
     * on "ten", a stack trace instead of an answer. This one keeps the value for text that is not a
     * number, so the text stays as typed and Apply names the field.
     */
    private static StringConverter<Integer> keepingTypedText(Spinner<Integer> spinner) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.valueOf(text.strip());
                } catch (NumberFormatException e) {
                    return spinner.getValue();
                }
            }
        };
    }

    /** Keeps the dialog open, says what is wrong and puts the cursor in the field to fix. */
    private static void refuse(ActionEvent event, Label problem, Spinner<Integer> spinner, String why) {
        event.consume();
        problem.setText(why);
        if (spinner != null) {
            spinner.pseudoClassStateChanged(INVALID, true);
            spinner.getEditor().requestFocus();
            spinner.getEditor().selectAll();
        }
    }
}
