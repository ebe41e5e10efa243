package io.noderr.cli;

import io.noderr.cli.emergency.Emergency;
import io.noderr.cli.emergency.EmergencyClient;
import io.noderr.cli.emergency.EmergencyLine;
import io.noderr.cli.emergency.StageWords;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code emergency status [ID]}: the list of emergencies, or one in full. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "List emergencies (newest first), or show one: stage, mandate, signatures.")
class EmergencyStatusCommand implements Callable<Integer> {

  /** How many audit lines one emergency shows (the console has the full trail). */
  private static final int AUDIT_LINES = 8;

  @Spec CommandSpec spec;

  @ParentCommand EmergencyCommand parent;

  @Mixin PlatformLogin login;

  @Parameters(
      arity = "0..1",
      paramLabel = "EMERGENCY_ID",
      description = "The emergency to show (default: the list).")
  String id;

  @Option(
      names = "--open",
      description = "List only those waiting for signatures or a mandate's end.")
  boolean open;

  @Override
  public Integer call() {
    login.validate(parent.terminal);
    if (id != null && !EmergencyIds.isValid(id)) {
      throw new ParameterException(spec.commandLine(), EmergencyIds.USAGE);
    }
    if (id != null && open) {
      throw new ParameterException(spec.commandLine(), "--open lists; it does not go with an id");
    }
    EmergencyClient client =
        new EmergencyClient(login.platform(), login.authorization(parent.terminal));
    PrintWriter out = spec.commandLine().getOut();
    if (id == null) {
      table(client.list(open), out);
    } else {
      show(client.get(id), out);
    }
    return 0;
  }

  private void table(List<EmergencyLine> lines, PrintWriter out) {
    if (lines.isEmpty()) {
      out.println(open ? "no open emergency" : "no emergency");
      return;
    }
    String row = "%-16s %-18s %-20s %-6s %-14s %s%n";
    out.printf(row, "ID", "ACTION", "STAGE", "SIGS", "PROPOSED BY", "SCOPE");
    for (EmergencyLine e : lines) {
      out.printf(
          row,
          e.id(),
          e.action(),
          e.stage(),
          e.signatures() + "/" + e.required(),
          e.proposedBy(),
          e.scope());
    }
  }

  private void show(Emergency e, PrintWriter out) {
    out.println(e.id() + ": " + e.action() + " of " + e.scope());
    out.println("  stage          " + StageWords.now(e));
    out.println("  reason         " + e.reason());
    out.println("  proposed by    " + e.proposedBy() + ", signatures due by " + e.deadline());
    out.println(
        "  signed by      "
            + (e.signedBy().isEmpty() ? "nobody yet" : String.join(", ", e.signedBy())));
    if (e.request() != null) {
      out.println(
          "  needs          "
              + e.request().required()
              + " "
              + e.request().kind()
              + " signature(s) over "
              + e.request().digest()
              + " (noderr emergency sign "
              + e.id()
              + " --key KEYFILE)");
    }
    e.effects().forEach(effect -> out.println("  effect         " + effect));
    List<Emergency.AuditLine> audit = e.audit();
    if (!audit.isEmpty()) {
      out.println("  last audit lines:");
      // The platform answers newest first; the terminal reads oldest first, like a log.
      audit.stream()
          .limit(AUDIT_LINES)
          .toList()
          .reversed()
          .forEach(
              a ->
                  out.println(
                      "    " + a.at() + "  " + a.actor() + "  " + a.action() + "  " + a.detail()));
    }
  }
}
