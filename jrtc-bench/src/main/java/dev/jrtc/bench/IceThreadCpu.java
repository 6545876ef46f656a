package dev.jrtc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CPU went during one phase of the ICE bench: CPU time per thread group (thread names
 * without their trailing number, e.g. {@code jrtc-io}, {@code ice-bench-strand}) between two
 * snapshots, plus the rest of the process (GC and JIT threads the JVM does not list) from the
 * process CPU time. Cheaper and steadier than a sampling profiler on a shared 2-core machine.
 */
final class IceThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> cpuById = new HashMap<>();
  private final Map<Long, Long> allocatedById = new HashMap<>();
  private final Map<Long, String> nameById = new HashMap<>();
  private final Map<String, Long> jvmTicks;
  private final long processCpu;
  private final long wall;

  private IceThreadCpu() {
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t != null) {
        long cpu = THREADS.getThreadCpuTime(t.getThreadId());
        if (cpu >= 0) {
          cpuById.put(t.getThreadId(), cpu);
          nameById.put(t.getThreadId(), t.getThreadName());
        }
        long allocated = allocatedBytes(t.getThreadId());
        if (allocated >= 0) {
          allocatedById.put(t.getThreadId(), allocated);
          nameById.put(t.getThreadId(), t.getThreadName());
        }
      }
    }
    this.jvmTicks = jvmThreadTicks();
    this.processCpu = processCpuNanos();
    this.wall = System.nanoTime();
  }

  /** A snapshot of every live thread's CPU time. */
  static IceThreadCpu snapshot() {
    return new IceThreadCpu();
  }

  /**
   * CPU seconds per wall second (1.0 = one core busy) for each thread group from {@code before}
   * to now, largest first; the JVM's own threads are prefixed {@code jvm:}, and {@code other}
   * is the process time no listed thread accounts for.
   */
  static Map<String, Double> since(IceThreadCpu before) {
    IceThreadCpu after = snapshot();
    double wallSeconds = Math.max(1e-9, (after.wall - before.wall) / 1e9);
    Map<String, Long> byGroup = new HashMap<>();
    long listed = 0;
    for (Map.Entry<Long, Long> e : after.cpuById.entrySet()) {
      long used = e.getValue() - before.cpuById.getOrDefault(e.getKey(), 0L);
      listed += used;
      byGroup.merge(group(after.nameById.get(e.getKey())), used, Long::sum);
    }
    // The JVM's own threads (JIT compilers, GC, VM thread) are not Java threads: Linux lists
    // them in /proc with their CPU time in clock ticks.
    for (Map.Entry<String, Long> e : after.jvmTicks.entrySet()) {
      long used = (e.getValue() - before.jvmTicks.getOrDefault(e.getKey(), 0L)) * NANOS_PER_TICK;
      if (used > 0) {
        byGroup.merge("jvm: " + e.getKey(), used, Long::sum);
        listed += used;
      }
    }
    if (after.processCpu >= 0 && before.processCpu >= 0) {
      // Threads that ended between the snapshots land here, and the rounding of the ticks.
      byGroup.merge("other", Math.max(0, after.processCpu - before.processCpu - listed), Long::sum);
    }
    List<Map.Entry<String, Long>> sorted = byGroup.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .collect(Collectors.toList());
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : sorted) {
      out.put(e.getKey(), e.getValue() / 1e9 / wallSeconds);
    }
    return out;
  }

  /**
   * Bytes allocated on the heap per thread group from {@code before} to now (HotSpot's
   * per-thread allocation counters), largest first; empty when the JVM does not count.
   */
  static Map<String, Long> allocatedSince(IceThreadCpu before) {
    IceThreadCpu after = snapshot();
    Map<String, Long> byGroup = new HashMap<>();
    for (Map.Entry<Long, Long> e : after.allocatedById.entrySet()) {
      long used = e.getValue() - before.allocatedById.getOrDefault(e.getKey(), 0L);
      byGroup.merge(group(after.nameById.get(e.getKey())), used, Long::sum);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    byGroup.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static long allocatedBytes(long threadId) {
    if (THREADS instanceof com.sun.management.ThreadMXBean) {
      return ((com.sun.management.ThreadMXBean) THREADS).getThreadAllocatedBytes(threadId);
    }
    return -1;
  }

  /** One line: the groups using at least 1 % of a core. */
  static String format(Map<String, Double> cores) {
    return cores.entrySet().stream().filter(e -> e.getValue() >= 0.01)
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /**
   * CPU clock ticks (user + system) per group of the JVM's internal threads ({@code C2
   * CompilerThread}, {@code GC Thread}, {@code G1 Conc}, {@code VM Thread}, ...) from
   * {@code /proc/self/task/}; empty where there is no /proc.
   */
  private static Map<String, Long> jvmThreadTicks() {
    Map<String, Long> ticks = new HashMap<>();
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return ticks;
    }
    for (java.io.File task : tasks) {
      try {
        String stat = new String(java.nio.file.Files.readAllBytes(task.toPath().resolve("stat")),
            java.nio.charset.StandardCharsets.US_ASCII);
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String comm = stat.substring(open + 1, close);
        if (!(comm.startsWith("C1 ") || comm.startsWith("C2 ") || comm.startsWith("GC ") || comm.startsWith("G1 ")
            || comm.startsWith("VM "))) {
          continue;
        }
        // proc(5): after "(comm) " come state, ppid, ... ; utime and stime are fields 14 and 15.
        String[] f = stat.substring(close + 2).split(" ");
        ticks.merge(group(comm), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
      } catch (java.io.IOException | RuntimeException e) {
        // the thread ended meanwhile, or no /proc: not counted
      }
    }
    return ticks;
  }

  static String group(String threadName) {
    return threadName.replaceAll("[-#]?\\d+$", "");
  }

  /** CPU time of the whole process (all threads, user and system), or -1 when unknown. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }
}
