package io.noderr.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.cli.sim.ReleaseFaults.Kind;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReleaseFaultsTest {

  private final ReleaseFaults faults = new ReleaseFaults();

  @Test
  void aSpec_setsEveryKnob_andReadsBack() {
    faults.apply("1.6.0=30, 1.6.0:hang=5,2.0.0:CRASH=100");

    assertThat(faults.current())
        .isEqualTo(
            Map.of(
                "1.6.0",
                Map.of(Kind.UNHEALTHY, 30, Kind.HANG, 5),
                "2.0.0",
                Map.of(Kind.CRASH, 100)));
    assertThat(faults.spec()).isEqualTo("1.6.0:unhealthy=30,1.6.0:hang=5,2.0.0:crash=100");
    faults.apply("1.6.0:unhealthy=0");
    assertThat(faults.spec()).isEqualTo("1.6.0:hang=5,2.0.0:crash=100");
  }

  @Test
  void aBadSpec_saysWhichEntry_andChangesNothing() {
    faults.apply("1.6.0=30");

    assertThatThrownBy(() -> faults.apply("1.7.0=10,1.6.0:explode=5"))
        .hasMessage(
            "release fault '1.6.0:explode=5': the kind must be unhealthy, slow, crash, hang, errors or latency");
    assertThatThrownBy(() -> faults.apply("1.6.0=lots"))
        .hasMessageContaining("VERSION:KIND=PERCENT");
    assertThatThrownBy(() -> faults.apply("1.6.0:hang=80"))
        .hasMessage("the faults of 1.6.0 would add up to 110%, more than 100%");
    assertThatThrownBy(() -> faults.apply("1.6.0=101")).hasMessageContaining("between 0 and 100");
    assertThat(faults.spec()).isEqualTo("1.6.0:unhealthy=30");
  }

  @Test
  void theShareOfAffectedNodes_followsThePercent_andStaysPutWhenAKindIsAdded() {
    faults.set("1.6.0", Kind.UNHEALTHY, 20);
    long unhealthy = IntStream.range(0, 10_000).filter(i -> hit(i, Kind.UNHEALTHY)).count();
    faults.set("1.6.0", Kind.HANG, 10);

    assertThat(unhealthy).isBetween(1_800L, 2_200L);
    assertThat(IntStream.range(0, 10_000).filter(i -> hit(i, Kind.UNHEALTHY)).count())
        .isEqualTo(unhealthy);
    assertThat(IntStream.range(0, 10_000).filter(i -> hit(i, Kind.HANG)).count())
        .isBetween(800L, 1_200L);
    assertThat(faults.faultOf("sim-1", "1.7.0")).isEmpty();
  }

  private boolean hit(int node, Kind kind) {
    return faults.faultOf("sim-" + node, "1.6.0").filter(kind::equals).isPresent();
  }
}
