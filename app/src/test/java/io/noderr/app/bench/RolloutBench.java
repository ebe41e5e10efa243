package io.noderr.app.bench;

import io.noderr.app.PlatformApi;
import io.noderr.app.Publications;
import io.noderr.cli.sim.FleetSimulator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code ./noderr bench rollout|rollback [--nodes 10000] [--repeat 1] [--direct]} on the embedded
 * platform with a simulated fleet and zero soak: K rollouts of new versions back to back (each over
 * REST, stages 1/10/50/100% without pauses), then — same process, same server — the floor: the
 * fleet driven through three no-op activities per node with no platform logic. {@code rollback}
 * also rolls each rollout back and times that.
 */
public final class RolloutBench {

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 10_000);
    int repeat = BenchPlatform.intArgument(args, "--repeat", 1);
    boolean rollback = args.length > 0 && args[0].equals("rollback");
    // --direct: the fleet polls Temporal without the node gateway, to measure what it costs.
    boolean direct = List.of(args).contains("--direct");
    System.out.println(
        "fleet path: " + (direct ? "straight to Temporal (--direct)" : "through the node gateway"));
    try (BenchPlatform platform =
        BenchPlatform.start(nodes, "--noderr.sim.bypass-gateway=" + direct)) {
      PlatformApi api = new PlatformApi(platform.base);
      WorkflowClient client = platform.context.getBean(WorkflowClient.class);
      for (int run = 1; run <= repeat; run++) {
        String version = "2.0." + run;
        publishForEveryTier(api, version);
        long t0 = System.nanoTime();
        String id = deploy(api, version);
        awaitStatus(api, id, "COMPLETED");
        double seconds = (System.nanoTime() - t0) / 1e9;
        String label = "rollout " + run;
        BenchPlatform.print(label + " seconds", seconds);
        BenchPlatform.print(label + " node updates per minute", nodes * 60 / seconds);
        BenchPlatform.printPercentiles(
            label + " per-node update latency ms", nodeLatencies(client, id));
        BenchPlatform.print(
            label + " rollout history events", client.fetchHistory(id).getEvents().size());
        if (rollback) {
          long r0 = System.nanoTime();
          api.post("/api/v1/deployments/" + id + "/rollback", "admin", Map.of("reason", "bench"));
          awaitStatus(api, id, "ROLLED_BACK");
          BenchPlatform.print("rollback " + run + " seconds", (System.nanoTime() - r0) / 1e9);
        }
      }
      double floor = floorSeconds(client, nodes);
      BenchPlatform.print("floor seconds (3 no-op activities per node)", floor);
      BenchPlatform.printPeakHeap();
    }
  }

  /** Signers publish the version first (outside the measured time): deployments need it. */
  static void publishForEveryTier(PlatformApi api, String version) throws Exception {
    for (String tier : List.of("ALL", "ORACLE", "GUARDIAN")) {
      Publications.publish(api, tier, version, FleetSimulator.digestOf(version));
    }
  }

  static String deploy(PlatformApi api, String version) throws Exception {
    return deploy(api, version, List.of("1%", "10%", "50%", "100%"));
  }

  /** Deploys {@code version} to every tier in these steps, without soak. */
  static String deploy(PlatformApi api, String version, List<String> steps) throws Exception {
    Map<String, Object> form = new HashMap<>();
    form.put("version", version);
    form.put("tiers", List.of("ALL", "ORACLE", "GUARDIAN"));
    form.put("imageDigest", FleetSimulator.digestOf(version));
    form.put("steps", steps);
    form.put("soakSeconds", 0);
    form.put("maxParallel", 500);
    form.put("minExecuted", 1);
    form.put("rollbackWindowHours", 1);
    HttpResponse<String> response = api.post("/api/v1/deployments", "admin", form);
    if (response.statusCode() != 202) {
      throw new IllegalStateException("deployment refused: " + response.body());
    }
    return PlatformApi.json(response).path("id").asText();
  }

  static void awaitStatus(PlatformApi api, String id, String status) throws Exception {
    while (true) {
      String now = api.get("/api/v1/deployments/" + id, "sre").path("status").asText();
      if (now.equals(status)) {
        return;
      }
      if (now.equals("ROLLED_BACK") || now.equals("FAILED") || now.equals("ABORTED")) {
        throw new IllegalStateException(id + " ended " + now);
      }
      Thread.sleep(50);
    }
  }

  /** Scheduled → completed of every node update, from the batch children's histories. */
  private static List<Double> nodeLatencies(WorkflowClient client, String rolloutId) {
    List<Double> latencies = new ArrayList<>();
    for (int batch = 1; ; batch++) {
      List<HistoryEvent> events;
      try {
        events = client.fetchHistory(rolloutId + "-batch-" + batch).getEvents();
      } catch (RuntimeException noMoreBatches) {
        return latencies;
      }
      Map<Long, Long> scheduledAt = new HashMap<>();
      for (HistoryEvent event : events) {
        long at =
            event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
        if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            && event
                .getActivityTaskScheduledEventAttributes()
                .getActivityType()
                .getName()
                .equals("Update")) {
          scheduledAt.put(event.getEventId(), at);
        } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
          Long scheduled =
              scheduledAt.get(
                  event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
          if (scheduled != null) {
            latencies.add((double) (at - scheduled));
          }
        }
      }
    }
  }

  private static double floorSeconds(WorkflowClient client, int nodes) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    factory
        .newWorker(FloorWorkflow.QUEUE)
        .registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
    factory.start();
    try {
      List<String> ids = IntStream.rangeClosed(1, nodes).mapToObj("sim-%05d"::formatted).toList();
      FloorWorkflow floor =
          client.newWorkflowStub(
              FloorWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(FloorWorkflow.QUEUE)
                  .setWorkflowId("bench-floor-" + System.nanoTime())
                  .build());
      long t0 = System.nanoTime();
      floor.run(ids);
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      factory.shutdownNow();
    }
  }
}
