package io.noderr.cli.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.cli.signer.Pins;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.CancelQueuedAction;
import io.noderr.signing.ChangeSignersAction;
import io.noderr.signing.EmergencyApproval;
import io.noderr.signing.GuardianPauseAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PauseTiersAction;
import io.noderr.signing.TierMask;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import org.web3j.utils.Numeric;

/**
 * The checks a signer's machine makes before a key touches an emergency request. The platform is
 * not trusted: the signed record (GuardianPause, PauseTiers, ChangeSigners, CancelQueued or
 * Emergency, as the typed data's primaryType says) is rebuilt from the typed data's message, its
 * typed data must be exactly the document shown (no field the signature would not cover), and its
 * EIP-712 digest must be the platform's. So the signer never signs a digest they were not shown in
 * words.
 */
public final class EmergencyReview {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmergencyReview() {}

  /**
   * @param signer the address of the signer's key
   * @throws SigningRefused naming the first check that failed
   */
  public static ReviewedEmergency review(
      Emergency emergency, Address signer, Pins pins, Instant now) {
    EmergencyRequest request = emergency.request();
    if (request == null) {
      throw new SigningRefused(
          emergency.id() + " is " + StageWords.of(emergency.stage()) + ": nothing to sign");
    }
    JsonNode typed = request.typedData();
    if (typed == null || !typed.isObject()) {
      throw malformed("it carries no typed data");
    }
    String primaryType = typed.path("primaryType").asText();
    if (!primaryType.equals(request.primaryType())) {
      throw new SigningRefused(
          "the request says it is a "
              + request.primaryType()
              + " but its typed data is a "
              + primaryType
              + " — not signing");
    }
    MultisigDomain domain = domain(typed.path("domain"));
    pins.require(domain);
    JsonNode message = typed.path("message");
    Rebuilt rebuilt = rebuild(primaryType, message, domain);
    if (!normalized(rebuilt.typedData()).equals(normalized(typed))) {
      throw new SigningRefused(
          "the typed data shown is not exactly what the signature covers — not signing");
    }
    if (!Numeric.toHexString(rebuilt.digest()).equalsIgnoreCase(String.valueOf(request.digest()))) {
      throw new SigningRefused(
          "the platform's digest is not the EIP-712 digest of the typed data it shows — not"
              + " signing");
    }
    Instant deadline = Instant.ofEpochSecond(message.path("deadline").asLong());
    if (!now.isBefore(deadline)) {
      throw new SigningRefused(
          emergency.id() + "'s request expired at " + deadline + " — not signing");
    }
    if (request.eligible().stream().noneMatch(a -> a.equalsIgnoreCase(signer.value()))) {
      throw new SigningRefused(
          signer.checksummed()
              + " may not sign this request: it counts only signatures of "
              + String.join(", ", request.eligible()));
    }
    return new ReviewedEmergency(
        emergency.id(),
        request.kind(),
        primaryType,
        request.required(),
        rebuilt.digest(),
        words(typed));
  }

  private record Rebuilt(byte[] digest, Map<String, Object> typedData) {}

  private static Rebuilt rebuild(String primaryType, JsonNode m, MultisigDomain domain) {
    try {
      return switch (primaryType) {
        case "GuardianPause" -> {
          var action = new GuardianPauseAction(integer(m, "tiers"), uint(m, "nonce"), deadline(m));
          yield new Rebuilt(action.digest(domain), action.typedData(domain));
        }
        case "PauseTiers" -> {
          var action =
              new PauseTiersAction(
                  integer(m, "tiers"), bool(m, "paused"), uint(m, "nonce"), deadline(m));
          yield new Rebuilt(action.digest(domain), action.typedData(domain));
        }
        case "ChangeSigners" -> {
          var action =
              new ChangeSignersAction(
                  addresses(m, "signers"),
                  Math.toIntExact(integer(m, "threshold")),
                  uint(m, "nonce"),
                  deadline(m));
          yield new Rebuilt(action.digest(domain), action.typedData(domain));
        }
        case "CancelQueued" -> {
          var action =
              new CancelQueuedAction(
                  Address.of(text(m, "timelock")),
                  Numeric.hexStringToByteArray(bytes32(m, "operation")),
                  uint(m, "nonce"),
                  deadline(m));
          yield new Rebuilt(action.digest(domain), action.typedData(domain));
        }
        case "Emergency" -> {
          var approval =
              new EmergencyApproval(
                  text(m, "emergency"),
                  text(m, "action"),
                  text(m, "scope"),
                  text(m, "reason"),
                  deadline(m));
          yield new Rebuilt(approval.digest(domain), approval.typedData(domain));
        }
        default ->
            throw new SigningRefused(
                "unknown request type " + primaryType + ": this CLI cannot check it — not signing");
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw malformed(e.getMessage());
    }
  }

  private static MultisigDomain domain(JsonNode domain) {
    try {
      return new MultisigDomain(
          integer(domain, "chainId"), Address.of(text(domain, "verifyingContract")));
    } catch (IllegalArgumentException e) {
      throw malformed("domain: " + e.getMessage());
    }
  }

  /** Every signed field in words, from the typed data that was just checked against the digest. */
  private static List<String> words(JsonNode typed) {
    List<String> lines = new ArrayList<>();
    lines.add(line("signs", typed.path("primaryType").asText() + " (EIP-712 typed data)"));
    for (Entry<String, JsonNode> field : typed.path("message").properties()) {
      lines.add(line("  " + field.getKey(), value(field.getKey(), field.getValue())));
    }
    lines.add(line("chain id", typed.path("domain").path("chainId").asText()));
    lines.add(
        line(
            "multisig contract",
            Address.of(typed.path("domain").path("verifyingContract").asText()).checksummed()));
    return lines;
  }

  private static String value(String name, JsonNode value) {
    return switch (name) {
      case "tiers" -> TierMask.names(value.asLong()) + " (mask " + value.asLong() + ")";
      case "deadline" -> Instant.ofEpochSecond(value.asLong()) + " (unix " + value.asLong() + ")";
      case "paused" -> value.asBoolean() ? "true (pause)" : "false (unpause)";
      default ->
          value.isArray()
              ? String.join(", ", JSON.convertValue(value, String[].class))
              : value.asText();
    };
  }

  private static String line(String label, String value) {
    return String.format(Locale.ROOT, "%-17s %s", label, value);
  }

  private static JsonNode normalized(Object typedData) {
    try {
      // Through text, so equal numbers compare equal whatever node type held them (int vs long).
      return JSON.readTree(JSON.writeValueAsString(typedData));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write typed data", e);
    }
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull() || value.isContainerNode()) {
      throw new IllegalArgumentException(name + " is missing");
    }
    return value;
  }

  private static long integer(JsonNode node, String name) {
    return uint(node, name).longValueExact();
  }

  private static BigInteger uint(JsonNode node, String name) {
    String text = field(node, name).asText();
    if (!text.matches("[0-9]{1,78}")) {
      throw new IllegalArgumentException(name + " is not an unsigned integer");
    }
    return new BigInteger(text);
  }

  private static long deadline(JsonNode node) {
    return integer(node, "deadline");
  }

  private static boolean bool(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(name + " is not a boolean");
    }
    return value.booleanValue();
  }

  private static String text(JsonNode node, String name) {
    return field(node, name).asText();
  }

  private static String bytes32(JsonNode node, String name) {
    String text = field(node, name).asText();
    if (!text.matches("0x[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(name + " is not 32 bytes of 0x-hex");
    }
    return text;
  }

  private static List<Address> addresses(JsonNode node, String name) {
    JsonNode list = node.get(name);
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(name + " is not a list of addresses");
    }
    List<Address> addresses = new ArrayList<>();
    list.forEach(a -> addresses.add(Address.of(a.asText())));
    return addresses;
  }

  private static SigningRefused malformed(String why) {
    return new SigningRefused("the platform's emergency request is malformed: " + why);
  }
}
