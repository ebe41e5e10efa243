package io.noderr.console.rollout;

import io.noderr.workflows.rollout.RolloutStep;
import io.noderr.workflows.rollout.RolloutStep.Pause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compact step syntax of the API and the console: {@code 10%}, {@code 25} (a count), with an
 * optional {@code :manual} gate or {@code :pause=10m} (s, m, h).
 */
final class StepSyntax {

  private static final Pattern STEP =
      Pattern.compile("^(\\d{1,6})(%)?(?::(manual|pause=(\\d{1,5})([smh])))?$");

  private StepSyntax() {}

  static List<RolloutStep> parse(List<String> texts) {
    List<RolloutStep> steps = new ArrayList<>();
    for (String text : texts) {
      Matcher m = STEP.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new InvalidDeploymentException(
            "step '" + text + "' is not like 10%, 25, 50%:manual or 50%:pause=10m");
      }
      int value = Integer.parseInt(m.group(1));
      Pause pause =
          m.group(3) == null
              ? Pause.NONE
              : m.group(3).equals("manual") ? Pause.MANUAL : Pause.TIMED;
      long pauseMillis = pause == Pause.TIMED ? duration(m.group(4), m.group(5)) : 0;
      steps.add(
          m.group(2) != null
              ? RolloutStep.percent(value, pause, pauseMillis)
              : RolloutStep.count(value, pause, pauseMillis));
    }
    return steps;
  }

  private static long duration(String amount, String unit) {
    long value = Long.parseLong(amount);
    return switch (unit) {
      case "s" -> Duration.ofSeconds(value).toMillis();
      case "m" -> Duration.ofMinutes(value).toMillis();
      default -> Duration.ofHours(value).toMillis();
    };
  }
}
