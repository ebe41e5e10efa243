package io.noderr.console.release;

import io.noderr.http.TierNames;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A release proposal as the API and the console take it.
 *
 * @param deadline when the signatures stop being valid; default {@code deadlineHours} from now
 * @param deadlineHours used when {@code deadline} is absent (1 h to 30 days; default 72)
 * @param downgradeReason set only to publish a version below the tier's current one
 */
public record ReleaseForm(
    @NotNull @Pattern(regexp = TierNames.PATTERN, message = TierNames.MESSAGE) String tier,
    @NotBlank @Size(max = 64) String version,
    @NotBlank @Size(max = 80) String imageDigest,
    @Size(max = 64) String minimumVersion,
    @Size(max = 512) String notesUri,
    Instant deadline,
    @Min(1) @Max(720) Integer deadlineHours,
    @Size(max = 500) String downgradeReason) {

  static final int DEFAULT_DEADLINE_HOURS = 72;
}
