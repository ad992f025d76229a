package org.switchboard.ui.view;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.switchboard.ui.model.Question;

/** The panel's few questions to the operator, styled like the panel. */
final class Dialogs {
    private Dialogs() {
    }

    /**
     * Asks for one line of text; empty when cancelled. With {@code blankAllowed} false, the confirm
     * button stays disabled until something is typed.
     */
    static Optional<String> ask(Window owner, String title, String header, String label, String confirm,
                                boolean blankAllowed) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        style(dialog, owner);
        ButtonType ok = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        TextField field = new TextField();
        field.setId("dialogField");
        field.setPrefColumnCount(28);
        VBox content = new VBox(6, new Label(label), field);
        dialog.getDialogPane().setContent(content);
        if (!blankAllowed) {
            dialog.getDialogPane().lookupButton(ok).disableProperty().bind(field.textProperty().isEmpty());
        }
        dialog.setOnShown(e -> field.requestFocus());
        dialog.setResultConverter(button -> button == ok ? field.getText() : null);
        return dialog.showAndWait();
    }

    /** The model's question, asked as {@link #confirm(Window, String, String, String, String)} does. */
    static boolean confirm(Window owner, Question question) {
        return confirm(owner, question.title(), question.header(), question.content(), question.confirm());
    }

    /**
     * A yes/no question whose yes button ({@code #confirmButton}) says what it does; Cancel
     * ({@code #cancelButton}) is the default.
     */
    static boolean confirm(Window owner, String title, String header, String content, String confirm) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(content);
        style(alert, owner);
        ButtonType yes = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, yes);
        // Cancel is the default: a hurried Enter must not delete anything
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.getDialogPane().lookupButton(yes).getStyleClass().add("danger");
        alert.getDialogPane().lookupButton(yes).setId("confirmButton");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelButton");
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    /**
     * Shows a one-time password for the operator to pass on, selectable ({@code #oneTimePasswordField})
     * and with a Copy button ({@code #copyOneTimePasswordButton}); it is not shown again.
     */
    static void oneTimePassword(Window owner, String name, String password) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("One-time password");
        dialog.setHeaderText("The password of " + name + " is reset.");
        style(dialog, owner);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        TextField field = new TextField(password);
        field.setId("oneTimePasswordField");
        field.setEditable(false);
        field.setPrefColumnCount(18);
        javafx.scene.control.Button copy = new javafx.scene.control.Button("Copy");
        copy.setId("copyOneTimePasswordButton");
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(password);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(6, field, copy);
        Label how = new Label("Pass it on to " + name + ": it signs in once, and then " + name + " chooses a new"
                + " password. It is shown only now.");
        how.setWrapText(true);
        how.setMaxWidth(380);
        dialog.getDialogPane().setContent(new VBox(8, how, line));
        dialog.setOnShown(e -> field.selectAll());
        dialog.showAndWait();
    }

    private static void style(Dialog<?> dialog, Window owner) {
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }
}
