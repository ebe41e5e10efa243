package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.release.ReleaseForm;
import java.util.function.Consumer;

/**
 * The release proposal form. Field rules are checked by the service (the same rules as the API);
 * the form only hands over what was typed.
 */
class ProposeReleaseDialog extends Dialog {

  final Select<String> tier = new Select<>();
  final TextField version = new TextField("Version (semver)");
  final TextField imageDigest = new TextField("Image digest (sha256:…)");
  final TextField minimumVersion = new TextField("Minimum version (optional)");
  final TextField notesUri = new TextField("Release notes URI (optional)");
  final IntegerField deadlineHours = new IntegerField("Signatures valid for (hours)");
  final TextField downgradeReason = new TextField("Downgrade reason (only for a downgrade)");

  ProposeReleaseDialog(Consumer<ReleaseForm> onPropose) {
    setHeaderTitle("Propose a release");
    tier.setLabel("Tier");
    tier.setItems("ALL", "ORACLE", "GUARDIAN");
    tier.setValue("ALL");
    tier.setId("release-tier");
    version.setId("release-version");
    imageDigest.setId("release-digest");
    deadlineHours.setValue(72);
    deadlineHours.setMin(1);
    deadlineHours.setMax(720);
    FormLayout form =
        new FormLayout(
            tier, version, imageDigest, minimumVersion, notesUri, deadlineHours, downgradeReason);
    form.setWidth("34em");
    add(form);
    Button confirm =
        new Button(
            "Propose",
            e -> {
              close();
              onPropose.accept(
                  new ReleaseForm(
                      tier.getValue(),
                      version.getValue(),
                      imageDigest.getValue(),
                      minimumVersion.getValue(),
                      notesUri.getValue(),
                      null,
                      deadlineHours.getValue(),
                      downgradeReason.getValue()));
            });
    confirm.setId("confirm-propose");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", e -> close()), confirm);
  }
}
