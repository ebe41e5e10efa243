package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.emergency.EmergencyForm;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The red button: pauses tiers at once. It asks for the tiers and a reason, then says exactly what
 * will happen before it proposes anything; the PAUSE still needs one guardian's signature.
 */
class RedButton extends HorizontalLayout {

  final TierChoice tiers = new TierChoice();
  final Checkbox allTiers = new Checkbox("All tiers");
  final TextField reason = new TextField("Reason");
  final Button pause = new Button("Pause now", VaadinIcon.HAND.create());
  final Paragraph consequences = new Paragraph();
  final Dialog confirmation = new Dialog();

  /**
   * @param consequencesOf what a PAUSE of the given tiers does, in words
   * @param onPause gets the confirmed PAUSE
   */
  RedButton(Function<List<String>, String> consequencesOf, Consumer<EmergencyForm> onPause) {
    setDefaultVerticalComponentAlignment(Alignment.BASELINE);
    // Wraps in a narrow column rather than running under the details beside it.
    setWidthFull();
    getStyle()
        .set("border", "2px solid var(--lumo-error-color)")
        .set("padding", "0 1em")
        .set("box-sizing", "border-box")
        .set("flex-wrap", "wrap");
    tiers.setId("pause-tiers");
    allTiers.setId("pause-all-tiers");
    // Unticking "All tiers" clears only a complete selection, so unticking one tier keeps the rest.
    allTiers.addValueChangeListener(
        e -> {
          if (e.getValue()) {
            tiers.setValue(Set.copyOf(TierChoice.TIERS));
          } else if (tiers.getValue().size() == TierChoice.TIERS.size()) {
            tiers.clear();
          }
        });
    tiers.addValueChangeListener(
        e -> allTiers.setValue(e.getValue().size() == TierChoice.TIERS.size()));
    reason.setId("pause-reason");
    reason.setRequired(true);
    reason.setMaxLength(500);
    reason.setWidth("18em");
    pause.setId("red-button");
    pause.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    pause.addClickListener(e -> confirm(consequencesOf));
    consequences.setId("pause-consequences");
    consequences.setMaxWidth("32em");
    confirmation.add(consequences);
    Button confirm =
        new Button(
            "Pause",
            e -> {
              confirmation.close();
              onPause.accept(EmergencyForm.pause(tiers.chosen(), reason.getValue().strip()));
            });
    confirm.setId("confirm-pause");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    confirmation.getFooter().add(new Button("Cancel", e -> confirmation.close()), confirm);
    add(tiers, allTiers, reason, pause);
  }

  private void confirm(Function<List<String>, String> consequencesOf) {
    List<String> chosen = tiers.chosen();
    tiers.setInvalid(chosen.isEmpty());
    tiers.setErrorMessage("choose the tiers to pause");
    reason.setInvalid(reason.getValue().isBlank());
    reason.setErrorMessage("a pause needs a reason");
    if (tiers.isInvalid() || reason.isInvalid()) {
      return;
    }
    confirmation.setHeaderTitle("Pause " + String.join(", ", chosen) + "?");
    consequences.setText(consequencesOf.apply(chosen));
    confirmation.open();
  }
}
