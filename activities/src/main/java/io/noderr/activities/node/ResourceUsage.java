package io.noderr.activities.node;

/** Host load in percent (0..100) at one moment. */
public record ResourceUsage(double cpuPercent, double memoryPercent, double diskPercent) {

  public ResourceUsage {
    cpuPercent = clamp(cpuPercent);
    memoryPercent = clamp(memoryPercent);
    diskPercent = clamp(diskPercent);
  }

  private static double clamp(double percent) {
    if (Double.isNaN(percent)) {
      return 0;
    }
    return Math.max(0, Math.min(100, percent));
  }
}
