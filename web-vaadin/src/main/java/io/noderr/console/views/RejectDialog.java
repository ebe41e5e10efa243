package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** Asks for the reason of a rejection (required; the people affected and the audit log see it). */
class RejectDialog extends Dialog {

  final TextArea reason = new TextArea("Reason");

  RejectDialog(Consumer<String> onReject) {
    this("Reject application", onReject);
  }

  /** The same question for any refusal that needs a reason (e.g. withdrawing a release). */
  RejectDialog(String title, Consumer<String> onReject) {
    this(title, "Reject", onReject);
  }

  /**
   * The same question before any act that needs a reason, confirmed by a button saying the act
   * (e.g. "Abort").
   */
  RejectDialog(String title, String confirmLabel, Consumer<String> onReject) {
    setHeaderTitle(title);
    reason.setId("reject-reason");
    reason.setMaxLength(500);
    reason.setRequired(true);
    reason.setWidth("28em");
    add(reason);
    Button confirm =
        new Button(
            confirmLabel,
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
