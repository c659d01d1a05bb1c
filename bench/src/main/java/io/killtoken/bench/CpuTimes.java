package io.killtoken.bench;

/**
 * CPU time used by each process of the benchmark, and by the machine as a whole, at one moment or
 * (after {@link #minus}) over a window.
 *
 * @param loadGenerator nanoseconds of this JVM (the clients)
 * @param fakeProvider nanoseconds of the fake provider's JVM
 * @param killToken nanoseconds of KillToken's JVM
 * @param machineBusyTicks busy ticks summed over every core
 * @param machineTotalTicks all ticks summed over every core
 */
record CpuTimes(
    long loadGenerator,
    long fakeProvider,
    long killToken,
    long machineBusyTicks,
    long machineTotalTicks) {

  static CpuTimes now(long fakeProviderPid, long killTokenPid) {
    long[] machine = ProcFs.machineTicks();
    return new CpuTimes(
        ProcFs.cpuNanos(ProcessHandle.current().pid()),
        ProcFs.cpuNanos(fakeProviderPid),
        ProcFs.cpuNanos(killTokenPid),
        machine[0],
        machine[1]);
  }

  CpuTimes minus(CpuTimes earlier) {
    return new CpuTimes(
        loadGenerator - earlier.loadGenerator,
        fakeProvider - earlier.fakeProvider,
        killToken - earlier.killToken,
        machineBusyTicks - earlier.machineBusyTicks,
        machineTotalTicks - earlier.machineTotalTicks);
  }

  /** The share of all cores that was busy, 0 to 1. */
  double machineBusy() {
    return machineTotalTicks == 0 ? 0 : (double) machineBusyTicks / machineTotalTicks;
  }
}
