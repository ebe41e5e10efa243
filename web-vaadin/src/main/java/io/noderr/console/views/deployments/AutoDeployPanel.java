package io.noderr.console.views.deployments;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.shared.Registration;
import io.noderr.registry.autodeploy.AutoDeployPolicy;
import io.noderr.workflows.rollout.RolloutPreset;
import java.util.Arrays;
import java.util.List;

/**
 * Per tier: whether a release the signers publish deploys by itself, and with which preset. Admins
 * edit (each tier saved on its own, reported through {@link SaveEvent}); SREs see it read-only.
 */
public class AutoDeployPanel extends Details {

  private final VerticalLayout rows = new VerticalLayout();
  private final boolean editable;

  public AutoDeployPanel(boolean editable) {
    this.editable = editable;
    setId("auto-deploy");
    setSummaryText("Auto-deploy when signers publish");
    rows.setPadding(false);
    rows.setSpacing(false);
    add(
        new Span(
            "On: a release the beacon publishes for the tier starts a deployment with the preset."
                + " Only signed releases are ever deployed."),
        rows);
  }

  /** Shows the tiers' current policies. */
  public void show(List<AutoDeployPolicy> policies) {
    rows.removeAll();
    policies.forEach(policy -> rows.add(row(policy)));
  }

  private HorizontalLayout row(AutoDeployPolicy policy) {
    String tier = policy.tier().name();
    Checkbox enabled = new Checkbox(tier, policy.enabled());
    enabled.setId("auto-deploy-" + tier);
    Select<String> preset = new Select<>();
    preset.setId("auto-deploy-preset-" + tier);
    preset.setItems(Arrays.stream(RolloutPreset.values()).map(RolloutPreset::id).toList());
    preset.setItemLabelGenerator(p -> RolloutPreset.byId(p).map(RolloutPreset::label).orElse(p));
    preset.setValue(policy.preset());
    HorizontalLayout row = new HorizontalLayout(enabled, preset);
    row.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
    if (editable) {
      Button save =
          new Button(
              "Save",
              e -> fireEvent(new SaveEvent(this, tier, enabled.getValue(), preset.getValue())));
      save.setId("auto-deploy-save-" + tier);
      row.add(save);
    } else {
      enabled.setReadOnly(true);
      preset.setReadOnly(true);
    }
    if (policy.updatedBy() != null) {
      row.add(new Span("set by " + policy.updatedBy()));
    }
    return row;
  }

  public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
    return addListener(SaveEvent.class, listener);
  }

  /** An admin saved one tier's policy. */
  public static class SaveEvent extends ComponentEvent<AutoDeployPanel> {

    private final String tier;
    private final boolean enabled;
    private final String preset;

    SaveEvent(AutoDeployPanel source, String tier, boolean enabled, String preset) {
      super(source, false);
      this.tier = tier;
      this.enabled = enabled;
      this.preset = preset;
    }

    public String tier() {
      return tier;
    }

    public boolean enabled() {
      return enabled;
    }

    public String preset() {
      return preset;
    }
  }
}
