package io.noderr.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release image's labels tune its container's confinement; the agent's defaults fill the gaps.
 */
class ContainerHardeningTest {

  private static final ContainerHardening DEFAULTS = ContainerHardening.defaults();

  @Test
  void withoutLabels_anImageWithoutUser_runsUnprivileged_withTheDefaults() {
    assertThat(DEFAULTS.forImage(Map.of(), null))
        .isEqualTo(new ContainerHardening("65534:65534", 512L << 20, 1.0, true));
    assertThat(DEFAULTS.forImage(Map.of(), " ").user()).isEqualTo("65534:65534");
  }

  @Test
  void theImagesUser_thenTheUserLabel_win() {
    assertThat(DEFAULTS.forImage(Map.of(), "app").user()).isEqualTo("app");
    assertThat(DEFAULTS.forImage(Map.of("io.noderr.user", "0"), "app").user()).isEqualTo("0");
  }

  @Test
  void labels_setMemoryCpusAndReadOnly() {
    ContainerHardening tuned =
        DEFAULTS.forImage(
            Map.of(
                "io.noderr.memory", "1G",
                "io.noderr.cpus", "0.25",
                "io.noderr.read-only", "FALSE"),
            null);

    assertThat(tuned.memoryBytes()).isEqualTo(1L << 30);
    assertThat(tuned.nanoCpus()).isEqualTo(250_000_000L);
    assertThat(tuned.readOnly()).isFalse();
    assertThat(DEFAULTS.forImage(Map.of("io.noderr.memory", "268435456"), null).memoryBytes())
        .isEqualTo(256L << 20);
  }

  @Test
  void malformedLabels_areRefused_namingTheLabel() {
    assertThatThrownBy(() -> DEFAULTS.forImage(Map.of("io.noderr.memory", "1m"), null))
        .hasMessage(
            "the release image's label io.noderr.memory='1m' is not a size of at least 6m"
                + " such as 256m or 1g");
    assertThatThrownBy(() -> DEFAULTS.forImage(Map.of("io.noderr.memory", "99999999999g"), null))
        .hasMessageContaining("io.noderr.memory");
    assertThatThrownBy(() -> DEFAULTS.forImage(Map.of("io.noderr.cpus", "0"), null))
        .hasMessageContaining("io.noderr.cpus='0'");
    assertThatThrownBy(() -> DEFAULTS.forImage(Map.of("io.noderr.cpus", "NaN"), null))
        .hasMessageContaining("io.noderr.cpus");
    assertThatThrownBy(() -> DEFAULTS.forImage(Map.of("io.noderr.read-only", "yes"), null))
        .hasMessageContaining("io.noderr.read-only='yes' is not true or false");
  }
}
