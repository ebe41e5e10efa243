package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** Asks for the reason of a rejection (required; the operator and the audit log see it). */
class RejectDialog extends Dialog {

  final TextArea reason = new TextArea("Reason");

  RejectDialog(Consumer<String> onReject) {
    setHeaderTitle("Reject application");
    reason.setId("reject-reason");
    reason.setMaxLength(500);
    reason.setRequired(true);
    reason.setWidth("28em");
    add(reason);
    Button confirm =
        new Button(
            "Reject",
            e -> {
              if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("a rejection needs a reason");
                return;
              }
              close();
              onReject.accept(reason.getValue());
            });
    confirm.setId("confirm-reject");
    confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
    getFooter().add(new Button("Cancel", e -> close()), confirm);
  }
}
