package io.noderr.worker.alert;

import io.noderr.worker.alert.channel.ChannelDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who is told, in which order. An alert's route is a list of steps, each a set of channels told
 * together: the alert's own recipients first when it has any (the signers a request waits on), then
 * the configured {@code route}, one channel per step. Escalation moves one step on. Channels that
 * are not configured are left out.
 */
@Component
class AlertRoutes {

  private final List<String> route;
  private final ChannelDirectory channels;

  AlertRoutes(AlertProperties properties, ChannelDirectory channels) {
    this.route = properties.route();
    this.channels = channels;
  }

  List<List<String>> steps(List<String> recipients) {
    List<List<String>> steps = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<String> first = recipients.stream().filter(channels::has).distinct().toList();
    if (!first.isEmpty()) {
      steps.add(first);
      seen.addAll(first);
    }
    for (String channel : route) {
      if (channels.has(channel) && seen.add(channel)) {
        steps.add(List.of(channel));
      }
    }
    return steps;
  }

  /** The channels of steps 0 to {@code level}, in order. */
  List<String> upTo(List<String> recipients, int level) {
    List<List<String>> steps = steps(recipients);
    return steps.subList(0, Math.min(level + 1, steps.size())).stream()
        .flatMap(List::stream)
        .toList();
  }

  /** The channels of step {@code level}, or none when the route is shorter. */
  List<String> step(List<String> recipients, int level) {
    List<List<String>> steps = steps(recipients);
    return level < steps.size() ? steps.get(level) : List.of();
  }
}
