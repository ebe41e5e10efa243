package io.noderr.worker.alert.channel;

import java.util.List;

/** Somewhere people read alerts. One call is one grouped message (or as few as the API allows). */
public interface AlertChannel {

  String name();

  /**
   * @throws ChannelFailure when the channel did not take the message; its text holds no secret
   */
  void send(List<Notice> notices) throws ChannelFailure;
}
