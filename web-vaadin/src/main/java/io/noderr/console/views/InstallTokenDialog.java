package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.onboarding.Approval;

/**
 * Shows a new install token once, and after an approval the applicant's operator login with its
 * initial password. The platform keeps only their hashes, so closing this dialog is the last chance
 * to copy them; a lost token is replaced with "New install token", a lost password by an admin's
 * new login for the operator.
 */
class InstallTokenDialog extends Dialog {

  final TextField token = new TextField("Install token");
  final TextField login = new TextField("Operator login");
  final TextField initialPassword = new TextField("Initial password");

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
    if (approval.operatorLogin() != null) {
      login.setId("operator-login");
      login.setValue(approval.operatorLogin().username());
      login.setReadOnly(true);
      initialPassword.setId("operator-initial-password");
      initialPassword.setValue(approval.operatorLogin().initialPassword());
      initialPassword.setReadOnly(true);
      initialPassword.setWidth("24em");
      add(
          new Paragraph(
              "The operator's console login (it sees only this operator's nodes and"
                  + " applications). Give the initial password to the operator the same way."),
          login,
          initialPassword);
    }
    Button done = new Button("I have copied it", e -> close());
    done.setId("close-token");
    getFooter().add(done);
  }
}
