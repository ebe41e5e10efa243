package io.noderr.console.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.emergency.EmergencyForm;
import io.noderr.console.emergency.VetoChoice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The emergencies other than the red button's pause. Only the fields of the chosen action are
 * shown; the service checks them (the same rules as the API and the CLI).
 */
class ProposeEmergencyDialog extends Dialog {

  final Select<String> action = new Select<>();
  final TierChoice tiers = new TierChoice();
  final TextField toVersion = new TextField("Roll back to version");
  final TextArea nodeIds = new TextArea("Nodes (ids, comma or space separated)");
  final TextField operator = new TextField("…or every node of operator");
  final TextArea newSigners = new TextArea("New signers (addresses, comma or space separated)");
  final IntegerField newThreshold = new IntegerField("New threshold");
  final TextField reason = new TextField("Reason");
  final IntegerField deadlineHours = new IntegerField("Signatures valid for (hours)");
  final Select<VetoChoice> governanceProposal = new Select<>();

  /**
   * @param queued the governance proposals queued on the timelock (the veto's picker); empty while
   *     governance is off
   */
  ProposeEmergencyDialog(List<VetoChoice> queued, Consumer<EmergencyForm> onPropose) {
    setHeaderTitle("Propose an emergency action");
    action.setLabel("Action");
    action.setId("emergency-action");
    tiers.setId("emergency-tiers");
    toVersion.setId("emergency-version");
    nodeIds.setId("emergency-nodes");
    operator.setId("emergency-operator");
    newSigners.setId("emergency-signers");
    newThreshold.setId("emergency-threshold");
    governanceProposal.setLabel("Governance proposal queued on the timelock");
    governanceProposal.setId("emergency-governance-proposal");
    governanceProposal.setItems(queued);
    governanceProposal.setItemLabelGenerator(VetoChoice::label);
    governanceProposal.setEmptySelectionAllowed(false);
    governanceProposal.setHelperText(
        queued.isEmpty() ? "no proposal is queued (or governance is off)" : null);
    reason.setId("emergency-reason");
    reason.setMaxLength(500);
    deadlineHours.setValue(EmergencyForm.DEFAULT_DEADLINE_HOURS);
    deadlineHours.setMin(1);
    deadlineHours.setMax(168);
    // The fields each action reads (EmergencyForm's javadoc); the others are hidden.
    Map<String, List<Component>> fields =
        Map.of(
            "EMERGENCY_ROLLBACK", List.of(tiers, toVersion),
            "QUARANTINE", List.of(nodeIds, operator),
            "RESUME", List.of(tiers),
            "ROTATE_SIGNERS", List.of(newSigners, newThreshold),
            "VETO_PROPOSAL", List.of(governanceProposal));
    action.setItems(
        "EMERGENCY_ROLLBACK", "QUARANTINE", "RESUME", "ROTATE_SIGNERS", "VETO_PROPOSAL");
    action.addValueChangeListener(
        e -> {
          List<Component> shown = fields.get(e.getValue());
          fields.values().stream()
              .flatMap(List::stream)
              .forEach(field -> field.setVisible(shown.contains(field)));
        });
    action.setValue("EMERGENCY_ROLLBACK");
    FormLayout form =
        new FormLayout(
            action,
            tiers,
            toVersion,
            nodeIds,
            operator,
            newSigners,
            newThreshold,
            governanceProposal,
            reason,
            deadlineHours);
    form.setWidth("34em");
    add(form);
    Button confirm = new Button("Propose", e -> propose(onPropose));
    confirm.setId("confirm-propose-emergency");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", e -> close()), confirm);
  }

  private void propose(Consumer<EmergencyForm> onPropose) {
    close();
    onPropose.accept(
        new EmergencyForm(
            action.getValue(),
            tiers.isVisible() ? tiers.chosen() : null,
            visible(toVersion),
            null,
            nodeIds.isVisible() ? words(nodeIds.getValue()) : null,
            visible(operator),
            newSigners.isVisible() ? words(newSigners.getValue()) : null,
            newThreshold.isVisible() ? newThreshold.getValue() : null,
            reason.getValue(),
            deadlineHours.getValue(),
            governanceProposal.isVisible() && governanceProposal.getValue() != null
                ? governanceProposal.getValue().proposalId()
                : null));
  }

  private static String visible(TextField field) {
    return field.isVisible() ? field.getValue() : null;
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("[,\\s]+")).filter(word -> !word.isEmpty()).toList();
  }
}
