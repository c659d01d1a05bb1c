package io.killtoken.bench;

import java.util.OptionalLong;

/**
 * CPU time used by each process of the benchmark, and by the machine as a whole, at one moment or
 * (after {@link #minus}) over a window.
 *
 * @param loadGenerator nanoseconds of this JVM (the clients)
 * @param fakeProvider nanoseconds of the fake provider's JVM
 * @param killToken nanoseconds of KillToken's JVM
 * @param mongoWire nanoseconds of the MongoDB-wire server's JVM; 0 on the embedded defaults, where
 *     it runs inside KillToken's JVM
 * @param redis nanoseconds of redis-server; 0 on the embedded defaults (no Redis)
 * @param machineBusyTicks busy ticks summed over every core
 * @param machineTotalTicks all ticks summed over every core
 */
record CpuTimes(
    long loadGenerator,
    long fakeProvider,
    long killToken,
    long mongoWire,
    long redis,
    long machineBusyTicks,
    long machineTotalTicks) {

  static CpuTimes now(
      long fakeProviderPid, long killTokenPid, OptionalLong mongoWirePid, OptionalLong redisPid) {
    long[] machine = ProcFs.machineTicks();
    return new CpuTimes(
        ProcFs.cpuNanos(ProcessHandle.current().pid()),
        ProcFs.cpuNanos(fakeProviderPid),
        ProcFs.cpuNanos(killTokenPid),
        mongoWirePid.isPresent() ? ProcFs.cpuNanos(mongoWirePid.getAsLong()) : 0,
        redisPid.isPresent() ? ProcFs.cpuNanos(redisPid.getAsLong()) : 0,
        machine[0],
        machine[1]);
  }

  CpuTimes minus(CpuTimes earlier) {
    return new CpuTimes(
        loadGenerator - earlier.loadGenerator,
        fakeProvider - earlier.fakeProvider,
        killToken - earlier.killToken,
        mongoWire - earlier.mongoWire,
        redis - earlier.redis,
        machineBusyTicks - earlier.machineBusyTicks,
        machineTotalTicks - earlier.machineTotalTicks);
  }

  /** The share of all cores that was busy, 0 to 1. */
  double machineBusy() {
    return machineTotalTicks == 0 ? 0 : (double) machineBusyTicks / machineTotalTicks;
  }
}
