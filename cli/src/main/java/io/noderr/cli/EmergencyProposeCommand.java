package io.noderr.cli;

import io.noderr.activities.emergency.EmergencyAction;
import io.noderr.agent.cli.AddressConverter;
import io.noderr.cli.emergency.Emergency;
import io.noderr.cli.emergency.EmergencyClient;
import io.noderr.cli.emergency.StageWords;
import io.noderr.signing.Address;
import io.noderr.signing.TierMask;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code emergency propose}: puts an emergency to the signers and prints what it needs; with {@code
 * --sign-with} the proposer signs it at once, so one guardian pauses tiers in one command. Only
 * which options go with which action is checked here; the platform's rules (versions published,
 * nodes known, thresholds) answer from the platform, in its words.
 */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description = {
      "Propose an emergency: PAUSE, RESUME, EMERGENCY_ROLLBACK, QUARANTINE, ROTATE_SIGNERS or",
      "VETO_PROPOSAL (veto-proposal: cancel a governance proposal queued on the timelock).",
      "With --sign-with KEYFILE you sign it right away (a guardian's PAUSE then acts at once)."
    })
class EmergencyProposeCommand implements Callable<Integer> {

  /** The API's limit on a reason. */
  static final int MAX_REASON = 500;

  private static final Set<String> TIERS = Set.of("--tier", "--all-tiers");

  /** The action-specific options each action takes, and those it needs (one of each set). */
  private record Takes(Set<String> allowed, List<Set<String>> required) {}

  private static final Map<EmergencyAction, Takes> TAKES =
      Map.of(
          EmergencyAction.PAUSE, new Takes(TIERS, List.of(TIERS)),
          EmergencyAction.RESUME, new Takes(TIERS, List.of(TIERS)),
          EmergencyAction.EMERGENCY_ROLLBACK,
              new Takes(
                  Set.of("--tier", "--all-tiers", "--to-version", "--image-digest"),
                  List.of(TIERS, Set.of("--to-version"))),
          EmergencyAction.QUARANTINE,
              new Takes(Set.of("--node", "--operator"), List.of(Set.of("--node", "--operator"))),
          EmergencyAction.ROTATE_SIGNERS,
              new Takes(
                  Set.of("--signer", "--threshold"),
                  List.of(Set.of("--signer"), Set.of("--threshold"))),
          EmergencyAction.VETO_PROPOSAL,
              new Takes(Set.of("--proposal"), List.of(Set.of("--proposal"))));

  @Spec CommandSpec spec;

  @ParentCommand EmergencyCommand parent;

  @Mixin PlatformLogin login;

  @Mixin PinOptions pinOptions;

  @Option(
      names = "--action",
      required = true,
      converter = ActionConverter.class,
      paramLabel = "ACTION",
      description =
          "PAUSE, RESUME, EMERGENCY_ROLLBACK, QUARANTINE, ROTATE_SIGNERS or VETO_PROPOSAL"
              + " (case-insensitive, - for _: veto-proposal).")
  EmergencyAction action;

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      description = "A tier to act on (ALL, ORACLE, GUARDIAN); repeat for several.")
  List<String> tiers = new ArrayList<>();

  @Option(names = "--all-tiers", description = "Every tier.")
  boolean allTiers;

  @Option(names = "--reason", required = true, description = "Why, for the signers and the audit.")
  String reason;

  @Option(
      names = "--to-version",
      paramLabel = "V",
      description = "EMERGENCY_ROLLBACK: a version published for every tier named.")
  String toVersion;

  @Option(
      names = "--image-digest",
      paramLabel = "sha256:…",
      description = "EMERGENCY_ROLLBACK: the digest expected (default: the published one).")
  String imageDigest;

  @Option(names = "--node", paramLabel = "ID", description = "QUARANTINE: a node; repeatable.")
  List<String> nodes = new ArrayList<>();

  @Option(
      names = "--operator",
      paramLabel = "OP",
      description = "QUARANTINE: every node of this operator.")
  String operator;

  @Option(
      names = "--signer",
      paramLabel = "0x…",
      converter = AddressConverter.class,
      description = "ROTATE_SIGNERS: a signer of the new set, in order; repeat for each.")
  List<Address> signers = new ArrayList<>();

  @Option(
      names = "--threshold",
      paramLabel = "N",
      description = "ROTATE_SIGNERS: signatures the new set needs.")
  Integer threshold;

  @Option(
      names = "--proposal",
      paramLabel = "ID",
      description = "VETO_PROPOSAL: the governance proposal queued on the timelock (its id).")
  String proposal;

  @Option(
      names = "--deadline-hours",
      paramLabel = "H",
      description = "How long signatures are collected, 1 to 168 (default: the platform's, 6).")
  Integer deadlineHours;

  @Option(
      names = "--sign-with",
      paramLabel = "KEYFILE",
      description = "Sign the request right away with this key (keystore JSON or hex key file).")
  Path signWith;

  @Option(names = "--yes", description = "With --sign-with: do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    login.validate(parent.terminal);
    Map<String, Object> form = form();
    EmergencyClient client =
        new EmergencyClient(login.platform(), login.authorization(parent.terminal));
    PrintWriter out = spec.commandLine().getOut();
    Emergency proposed = client.propose(form);
    out.println("proposed " + proposed.id() + ": " + proposed.action() + " of " + proposed.scope());
    out.println("  stage          " + StageWords.now(proposed));
    if (proposed.request() != null) {
      out.println(
          "  needs          "
              + proposed.request().required()
              + " signature(s) of "
              + String.join(", ", proposed.request().eligible()));
      proposed.request().summary().forEach(line -> out.println("  " + line));
    }
    if (signWith == null) {
      out.println("signers: noderr emergency sign " + proposed.id() + " --key KEYFILE");
      return 0;
    }
    return new EmergencySigner(client, parent.terminal, out)
        .sign(proposed, signWith, pinOptions.pins(spec.commandLine().getErr()), yes);
  }

  /**
   * The API's EmergencyForm, after the checks a typo deserves before anything is sent.
   *
   * @throws ParameterException (exit code 2) naming the first problem
   */
  private Map<String, Object> form() {
    if (reason.isBlank() || reason.length() > MAX_REASON) {
      throw usage("--reason needs 1 to " + MAX_REASON + " characters");
    }
    if (allTiers && !tiers.isEmpty()) {
      throw usage("give --tier or --all-tiers, not both");
    }
    if (deadlineHours != null && (deadlineHours < 1 || deadlineHours > 168)) {
      throw usage("--deadline-hours must be between 1 and 168");
    }
    checkOptionsOf(action);
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("action", action.name());
    form.put("tiers", allTiers ? TierMask.NAMES : tierNames());
    form.put("toVersion", toVersion);
    form.put("imageDigest", imageDigest);
    form.put("nodeIds", nodes);
    form.put("operator", operator);
    form.put("newSigners", signers.stream().map(Address::value).toList());
    form.put("newThreshold", threshold);
    form.put("reason", reason.strip());
    form.put("deadlineHours", deadlineHours);
    form.put("governanceProposal", proposal == null ? null : proposal.strip());
    form.values().removeIf(v -> v == null || (v instanceof List<?> list && list.isEmpty()));
    return form;
  }

  private void checkOptionsOf(EmergencyAction action) {
    Set<String> given = given();
    Takes takes = TAKES.get(action);
    for (String option : given) {
      if (!takes.allowed().contains(option)) {
        throw usage(
            option
                + " does not go with --action "
                + action
                + " (it takes "
                + String.join(", ", new TreeSet<>(takes.allowed()))
                + ")");
      }
    }
    for (Set<String> oneOf : takes.required()) {
      if (oneOf.stream().noneMatch(given::contains)) {
        throw usage("--action " + action + " needs " + String.join(" or ", new TreeSet<>(oneOf)));
      }
    }
  }

  /** The action-specific options on the command line. */
  private Set<String> given() {
    Set<String> given = new TreeSet<>();
    Map<String, Boolean> present = new LinkedHashMap<>();
    present.put("--tier", !tiers.isEmpty());
    present.put("--all-tiers", allTiers);
    present.put("--to-version", toVersion != null);
    present.put("--image-digest", imageDigest != null);
    present.put("--node", !nodes.isEmpty());
    present.put("--operator", operator != null);
    present.put("--signer", !signers.isEmpty());
    present.put("--threshold", threshold != null);
    present.put("--proposal", proposal != null);
    present.forEach(
        (option, isGiven) -> {
          if (isGiven) {
            given.add(option);
          }
        });
    return given;
  }

  private List<String> tierNames() {
    List<String> names = new ArrayList<>();
    for (String tier : tiers) {
      String name = tier.strip().toUpperCase(Locale.ROOT);
      if (!TierMask.NAMES.contains(name)) {
        throw usage("unknown tier '" + tier + "': use " + String.join(", ", TierMask.NAMES));
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Case-insensitive, and the error names the actions (picocli's would list the enum's form). */
  static final class ActionConverter implements ITypeConverter<EmergencyAction> {
    @Override
    public EmergencyAction convert(String value) {
      try {
        return EmergencyAction.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'"
                + value
                + "' is not an action: use PAUSE, RESUME, EMERGENCY_ROLLBACK, QUARANTINE,"
                + " ROTATE_SIGNERS or VETO_PROPOSAL");
      }
    }
  }
}
