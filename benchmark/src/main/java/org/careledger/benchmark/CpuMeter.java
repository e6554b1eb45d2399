package org.careledger.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used during a phase by the server (JVM and its PostgreSQL processes), by the benchmark
 * process, and by everything else on the machine: tells whether a figure was CPU-bound and
 * whether other work shared the machine.
 */
final class CpuMeter {

    private final Long serverPid;
    private final long t0;
    private final double server0;
    private final double self0;
    private final Double all0;

    private CpuMeter(Long serverPid) {
        this.serverPid = serverPid;
        this.t0 = System.nanoTime();
        this.server0 = serverPid == null ? 0 : Machine.cpuSecondsOf(serverPid);
        this.self0 = Machine.processCpu(ProcessHandle.current().pid());
        this.all0 = Machine.cpuSecondsAllProcesses();
    }

    static CpuMeter start(Long serverPid) {
        return new CpuMeter(serverPid);
    }

    Map<String, Object> stop() {
        double wall = (System.nanoTime() - t0) / 1e9;
        double server = serverPid == null ? 0 : Machine.cpuSecondsOf(serverPid) - server0;
        double self = Machine.processCpu(ProcessHandle.current().pid()) - self0;
        Double all = Machine.cpuSecondsAllProcesses();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wallSeconds", Report.round(wall, 2));
        if (serverPid != null) {
            m.put("serverCores", Report.round(server / wall, 2));
        }
        m.put("benchmarkCores", Report.round(self / wall, 2));
        if (all != null && all0 != null) {
            double machine = (all - all0) / wall;
            m.put("machineCores", Report.round(machine, 2));
            if (serverPid != null) {
                m.put("otherCores", Report.round(Math.max(0, machine - (server + self) / wall), 2));
            }
        }
        return m;
    }
}
