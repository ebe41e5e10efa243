package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemverTest {

  @Test
  void ordersBySemverPrecedence() {
    List<String> ascending =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.2.0",
            "1.10.0",
            "2.0.0");
    for (int i = 1; i < ascending.size(); i++) {
      assertThat(Semver.parse(ascending.get(i)).isAbove(Semver.parse(ascending.get(i - 1))))
          .as(ascending.get(i) + " > " + ascending.get(i - 1))
          .isTrue();
    }
  }

  @Test
  void buildMetadataDoesNotCount() {
    assertThat(Semver.parse("1.2.3+build.7").compareTo(Semver.parse("1.2.3"))).isZero();
    assertThat(Semver.parse("1.2.3+build.7")).hasToString("1.2.3+build.7");
  }

  @Test
  void refusesWhatIsNotSemver() {
    for (String bad : List.of("", "1", "1.2", "v1.2.3", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3 ")) {
      assertThatThrownBy(() -> Semver.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Semver.parse("1.2.3-" + "a".repeat(70)))
        .hasMessageContaining("longer than 64");
    assertThat(Semver.isValid("99999999999999999999.0.0")).isFalse();
  }
}
