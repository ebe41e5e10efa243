package io.noderr.console.views.deployments;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.AbstractNumberField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.shared.Registration;
import io.noderr.console.rollout.AnalysisSyntax;
import io.noderr.console.rollout.DeploymentForm;
import io.noderr.console.rollout.FailureLimitSyntax;
import io.noderr.console.rollout.InvalidDeploymentException;
import io.noderr.workflows.rollout.GatePolicy;
import io.noderr.workflows.rollout.RolloutPreset;
import io.noderr.workflows.rollout.RolloutStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Starts a deployment: what (version, tiers, digest), how (a preset or custom steps, the soak) and,
 * folded away, everything else the strategy takes. A preview line says what the choices add up to
 * before anything starts. The form only hands over what was typed; the service judges it, with the
 * same rules and words as the API.
 */
public class DeploymentWizard extends VerticalLayout {

  private final TextField version = new TextField("Version");
  private final CheckboxGroup<String> tiers = new CheckboxGroup<>("Tiers");
  private final TextField imageDigest = new TextField("Image digest (default: the beacon's)");
  private final Select<String> preset = new Select<>();
  private final TextField steps = new TextField("Custom steps (e.g. 5%, 50%:manual, 100%)");
  private final IntegerField soakSeconds = new IntegerField("Soak (s)");

  // Advanced: empty means the preset's default (shown as the placeholder).
  private final IntegerField maxParallel = new IntegerField("Max parallel");
  private final IntegerField ratePerMinute = new IntegerField("Rate per minute (0: unlimited)");
  private final NumberField ramp = new NumberField("Ramp (× per minute)");
  private final IntegerField perNodeDeadlineSeconds = new IntegerField("Per-node deadline (s)");
  private final NumberField maxFailurePercent = new NumberField("Max failure %");
  private final TextField failureLimits = new TextField("Max failure % by type");
  private final TextField analysis =
      new TextField("Telemetry analysis (e.g. errorRate<=1.5x, latencyP95<=2x, blockLag<=5)");
  private final IntegerField minExecuted = new IntegerField("Min executed before judging");
  private final IntegerField maxConsecutiveFailures =
      new IntegerField("Consecutive failures (0: off)");
  private final Select<String> onGateFailure = new Select<>();
  private final Select<String> updateStrategy = new Select<>();
  private final IntegerField rollbackWindowHours = new IntegerField("Rollback window (h)");
  private final IntegerField progressDeadlineMinutes = new IntegerField("Progress deadline (min)");
  private final TextArea maintenanceWindows = new TextArea("Maintenance windows (one per line)");

  private final Span preview = new Span();
  private final Button start = new Button("Start deployment");
  private final Function<DeploymentForm, String> previewer;

  /**
   * @param previewer describes the strategy a form makes, or throws InvalidDeploymentException
   */
  public DeploymentWizard(Function<DeploymentForm, String> previewer) {
    this.previewer = previewer;
    setPadding(false);
    setId("deployment-wizard");
    configureEssentials();
    configureAdvanced();
    FormLayout more =
        new FormLayout(
            maxParallel,
            ratePerMinute,
            ramp,
            perNodeDeadlineSeconds,
            maxFailurePercent,
            failureLimits,
            analysis,
            minExecuted,
            maxConsecutiveFailures,
            onGateFailure,
            updateStrategy,
            rollbackWindowHours,
            progressDeadlineMinutes,
            maintenanceWindows);
    more.setColspan(maintenanceWindows, 2);
    Details advanced = new Details("Advanced (empty fields take the preset's defaults)", more);
    advanced.setId("deployment-advanced");
    advanced.setWidthFull();
    preview.setId("deployment-preview");
    start.setId("start-deployment");
    start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    start.addClickListener(e -> fireEvent(new StartEvent(this)));
    FormLayout essentials = new FormLayout(version, tiers, imageDigest, preset, soakSeconds, steps);
    essentials.setResponsiveSteps(
        new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("26em", 2));
    essentials.setColspan(imageDigest, 2);
    essentials.setColspan(steps, 2);
    add(essentials, advanced, preview, start);
    refreshPreview();
  }

  public Registration addStartListener(ComponentEventListener<StartEvent> listener) {
    return addListener(StartEvent.class, listener);
  }

  /** Asked to start; {@link #form()} reads the fields then. */
  public static class StartEvent extends ComponentEvent<DeploymentWizard> {

    StartEvent(DeploymentWizard source) {
      super(source, false);
    }

    /**
     * @throws InvalidDeploymentException when a field cannot even be read (not a number, a per-type
     *     limit not like TYPE=percent)
     */
    public DeploymentForm form() {
      return getSource().form();
    }
  }

  private void configureEssentials() {
    version.setId("deployment-version");
    tiers.setId("deployment-tiers");
    tiers.setItems("ALL", "ORACLE", "GUARDIAN");
    tiers.setValue(Set.of("ALL"));
    imageDigest.setId("deployment-digest");
    preset.setId("deployment-preset");
    preset.setLabel("Preset");
    preset.setItems(Arrays.stream(RolloutPreset.values()).map(RolloutPreset::id).toList());
    preset.setItemLabelGenerator(p -> RolloutPreset.byId(p).map(RolloutPreset::label).orElse(p));
    preset.setValue(RolloutPreset.CANARY.id());
    steps.setId("deployment-steps");
    steps.setHelperText("Overrides the preset");
    soakSeconds.setId("deployment-soak");
    soakSeconds.setValue(30);
    soakSeconds.setMin(0);
    soakSeconds.setMax(3600);
    List.of(version, tiers, imageDigest, preset, steps, soakSeconds).forEach(this::previewOnChange);
  }

  private void configureAdvanced() {
    // The placeholders show what an empty field means: every preset shares these defaults.
    RolloutStrategy defaults = RolloutStrategy.canary();
    GatePolicy gates = defaults.gates();
    number(maxParallel, "deployment-max-parallel", defaults.maxParallel(), 1, 2000);
    number(ratePerMinute, "deployment-rate", defaults.rate().perMinute(), 0, 1_000_000);
    number(ramp, "deployment-ramp", defaults.rate().ramp(), 1, 10);
    number(
        perNodeDeadlineSeconds,
        "deployment-node-deadline",
        defaults.perNodeDeadlineMillis() / 1000,
        1,
        86_400);
    number(maxFailurePercent, "deployment-max-failure", gates.maxFailurePercent(), 0, 100);
    analysis.setId("deployment-analysis");
    analysis.setPlaceholder("none");
    analysis.setHelperText(
        "Compares the nodes just updated with the tier's other nodes over the soak; rules: "
            + AnalysisSyntax.EXAMPLE);
    number(minExecuted, "deployment-min-executed", gates.minExecuted(), 0, 100_000);
    number(
        maxConsecutiveFailures,
        "deployment-max-consecutive",
        gates.maxConsecutiveFailures(),
        0,
        100_000);
    number(
        rollbackWindowHours,
        "deployment-rollback-window",
        defaults.rollbackWindowMillis() / 3_600_000,
        0,
        720);
    number(
        progressDeadlineMinutes,
        "deployment-progress-deadline",
        defaults.progressDeadlineMillis() / 60_000,
        1,
        10_080);
    failureLimits.setId("deployment-failure-limits");
    failureLimits.setPlaceholder("UNHEALTHY=5, TIMEOUT=10");
    onGateFailure.setId("deployment-on-gate-failure");
    onGateFailure.setLabel("On a failed gate");
    onGateFailure.setItems("ROLLBACK", "PAUSE");
    onGateFailure.setItemLabelGenerator(a -> a.equals("ROLLBACK") ? "Roll back" : "Pause");
    onGateFailure.setValue(defaults.onGateFailure().name());
    updateStrategy.setId("deployment-update-strategy");
    updateStrategy.setLabel("Update strategy");
    updateStrategy.setItems("HAND_OVER", "DOWNLOAD_THEN_SWAP");
    updateStrategy.setItemLabelGenerator(
        s -> s.equals("HAND_OVER") ? "Hand-over (new beside old)" : "Download, then swap");
    updateStrategy.setValue(defaults.updateStrategy().name());
    maintenanceWindows.setId("deployment-windows");
    maintenanceWindows.setPlaceholder("operator=acme region=* Mon-Fri 02:00-05:00 Europe/Berlin");
    maintenanceWindows.setHelperText(
        "operator= and region= (* or left out: any), days (Mon-Fri, Sat,Sun, daily), a time range"
            + " (ends next day if before its start), a time zone (default UTC)");
    List.of(failureLimits, analysis, onGateFailure, updateStrategy, maintenanceWindows)
        .forEach(this::previewOnChange);
  }

  private void number(IntegerField field, String id, Number preset, int min, int max) {
    field.setMin(min);
    field.setMax(max);
    numberField(field, id, preset);
  }

  private void number(NumberField field, String id, Number preset, double min, double max) {
    field.setMin(min);
    field.setMax(max);
    numberField(field, id, preset);
  }

  private void numberField(AbstractNumberField<?, ?> field, String id, Number preset) {
    field.setId(id);
    field.setPlaceholder(String.valueOf(preset).replaceAll("\\.0$", ""));
    previewOnChange(field);
  }

  private void previewOnChange(HasValue<?, ?> field) {
    field.addValueChangeListener(e -> refreshPreview());
  }

  /** The strategy in one line, or what is wrong with it, as the operator types. */
  private void refreshPreview() {
    try {
      preview.setText("Stages: " + previewer.apply(form()));
      preview.getStyle().remove("color");
    } catch (InvalidDeploymentException e) {
      preview.setText(e.getMessage());
      preview.getStyle().set("color", "var(--lumo-error-text-color)");
    }
  }

  DeploymentForm form() {
    return new DeploymentForm(
        version.getValue().strip(),
        tiers.getValue().stream().sorted().toList(),
        null,
        blankToNull(imageDigest.getValue()),
        preset.getValue(),
        steps.getValue().isBlank()
            ? null
            : Arrays.stream(steps.getValue().split(",")).map(String::strip).toList(),
        read(maxParallel, "maxParallel"),
        read(ratePerMinute, "ratePerMinute"),
        read(ramp, "ramp"),
        read(soakSeconds, "soakSeconds"),
        read(perNodeDeadlineSeconds, "perNodeDeadlineSeconds"),
        read(maxFailurePercent, "maxFailurePercent"),
        read(minExecuted, "minExecuted"),
        read(maxConsecutiveFailures, "maxConsecutiveFailures"),
        onGateFailure.getValue(),
        updateStrategy.getValue(),
        read(rollbackWindowHours, "rollbackWindowHours"),
        limits(),
        maintenanceWindows.getValue().lines().filter(line -> !line.isBlank()).toList(),
        read(progressDeadlineMinutes, "progressDeadlineMinutes"),
        analysis.getValue().isBlank()
            ? null
            : Arrays.stream(analysis.getValue().split(",")).map(String::strip).toList());
  }

  private Map<String, Double> limits() {
    return failureLimits.getValue().isBlank()
        ? null
        : FailureLimitSyntax.parse(failureLimits.getValue());
  }

  /**
   * The field's number, null when empty (the default). Text that is no number reads as empty in
   * Vaadin; the field's own validator still knows, and a default must not stand in for a typo.
   */
  private static <T extends Number> T read(AbstractNumberField<?, T> field, String name) {
    T value = field.getValue();
    if (value == null
        && field
            .getDefaultValidator()
            .apply(null, new ValueContext(new Binder<>(), field, field))
            .isError()) {
      throw new InvalidDeploymentException(name + " is not a number");
    }
    return value;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
