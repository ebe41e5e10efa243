package io.noderr.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.worker.alert.AlertProperties.Channel;
import io.noderr.worker.alert.AlertProperties.ChannelType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A channel nobody set up is the quiet default; one set up in part is a mistake to warn about; one
 * with its address is used.
 */
class AlertChannelSettingsTest {

  @Test
  void theDefaultChannels_areUnset_notBroken() {
    assertThat(channel(ChannelType.SLACK, "", "", List.of()).unset()).isTrue();
    assertThat(channel(ChannelType.EMAIL, null, "", List.of()).unset()).isTrue();
    assertThat(channel(ChannelType.SLACK, "", "", List.of()).usable()).isFalse();
  }

  @Test
  void anEmailChannelWithAHostAndNoRecipient_isSetUpInPart() {
    Channel email = channel(ChannelType.EMAIL, null, "smtp.example.org", List.of());

    assertThat(email.unset()).isFalse();
    assertThat(email.usable()).isFalse();
  }

  @Test
  void aWebhookWithItsUrl_isUsable() {
    Channel slack = channel(ChannelType.SLACK, "https://hooks.example.org/x", null, List.of());

    assertThat(slack.unset()).isFalse();
    assertThat(slack.usable()).isTrue();
  }

  private static Channel channel(ChannelType type, String url, String smtpHost, List<String> to) {
    return new Channel(
        type, url, smtpHost, 25, null, null, false, "noderr@localhost", to, Duration.ofSeconds(10));
  }
}
