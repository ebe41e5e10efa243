package io.noderr.agent.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.noderr.activities.node.ResourceUsage;
import java.io.File;
import java.lang.management.ManagementFactory;

/** The real host's CPU, memory and disk (of the file system holding {@code dataDir}). */
public class OsHostMetrics implements HostMetrics {

  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final File dataDir;

  public OsHostMetrics(File dataDir) {
    this.dataDir = dataDir;
  }

  @Override
  public ResourceUsage sample() {
    double cpu = os.getCpuLoad() * 100;
    long total = os.getTotalMemorySize();
    double memory = total == 0 ? 0 : 100.0 * (total - os.getFreeMemorySize()) / total;
    long space = dataDir.getTotalSpace();
    double disk = space == 0 ? 0 : 100.0 * (space - dataDir.getUsableSpace()) / space;
    return new ResourceUsage(cpu < 0 ? 0 : cpu, memory, disk);
  }
}
