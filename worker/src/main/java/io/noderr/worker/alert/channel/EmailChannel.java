package io.noderr.worker.alert.channel;

import io.noderr.worker.alert.AlertProperties;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Email over SMTP: one plain-text message per group, its subject the headline (or a count). The
 * password comes from configuration (an environment variable) and never appears in a failure.
 */
final class EmailChannel implements AlertChannel {

  private final String name;
  private final AlertProperties.Channel config;
  private final JavaMailSenderImpl mail = new JavaMailSenderImpl();

  EmailChannel(String name, AlertProperties.Channel config) {
    this.name = name;
    this.config = config;
    mail.setHost(config.smtpHost());
    mail.setPort(config.smtpPort());
    if (config.username() != null && !config.username().isBlank()) {
      mail.setUsername(config.username());
      mail.setPassword(config.password());
    }
    Properties properties = new Properties();
    long timeout = config.timeout().toMillis();
    properties.put("mail.smtp.connectiontimeout", Long.toString(timeout));
    properties.put("mail.smtp.timeout", Long.toString(timeout));
    properties.put("mail.smtp.writetimeout", Long.toString(timeout));
    properties.put(
        "mail.smtp.auth",
        Boolean.toString(config.username() != null && !config.username().isBlank()));
    properties.put("mail.smtp.starttls.enable", Boolean.toString(config.starttls()));
    properties.put("mail.smtp.starttls.required", Boolean.toString(config.starttls()));
    mail.setJavaMailProperties(properties);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(List<Notice> notices) throws ChannelFailure {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(config.from());
    message.setTo(config.to().toArray(String[]::new));
    message.setSubject(Payloads.title(notices));
    message.setText(
        notices.stream()
            .map(n -> n.headline() + "\n" + n.body() + "\nrunbook: " + n.runbook())
            .collect(Collectors.joining("\n\n")));
    try {
      mail.send(message);
    } catch (MailException e) {
      throw new ChannelFailure(
          name
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + Secrets.scrub(firstLine(e.getMessage()), config.password()));
    }
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 199) + "…";
  }
}
