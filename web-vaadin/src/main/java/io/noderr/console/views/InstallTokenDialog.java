package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.onboarding.Approval;

/**
 * Shows a new install token once. The platform keeps only its hash, so closing this dialog is the
 * last chance to copy it; a lost token is replaced with "New install token".
 */
class InstallTokenDialog extends Dialog {

  final TextField token = new TextField("Install token");

  InstallTokenDialog(Approval approval) {
    setHeaderTitle("Install token for " + approval.applicationId());
    setCloseOnOutsideClick(false);
    token.setId("install-token");
    token.setValue(approval.installToken());
    token.setReadOnly(true);
    token.setWidth("36em");
    add(
        new Paragraph(
            "Copy it now: it is shown only this once. Valid until "
                + approval.expiresAt()
                + ", single use. Give it to the operator over a secure channel; the installer"
                + " reads it from NODERR_INSTALL_TOKEN."),
        token);
    Button done = new Button("I have copied it", e -> close());
    done.setId("close-token");
    getFooter().add(done);
  }
}
