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
    private final Long postgresPid;
    private final long t0;
    private final double server0;
    private final double jvm0;
    private final double self0;
    private final Double all0;

    private CpuMeter(Long serverPid, Long postgresPid) {
        this.serverPid = serverPid;
        this.postgresPid = postgresPid;
        this.t0 = System.nanoTime();
        this.jvm0 = serverPid == null ? 0 : Machine.processCpu(serverPid);
        this.server0 = serverTotal();
        this.self0 = Machine.processCpu(ProcessHandle.current().pid());
        this.all0 = Machine.cpuSecondsAllProcesses();
    }

    static CpuMeter start(ServerProcess server) {
        return new CpuMeter(server.pid().orElse(null), server.postgresPid().orElse(null));
    }

    /** The JVM with its children, and the postmaster with its backends. */
    private double serverTotal() {
        return (serverPid == null ? 0 : Machine.cpuSecondsOf(serverPid))
                + (postgresPid == null ? 0 : Machine.cpuSecondsOf(postgresPid));
    }

    Map<String, Object> stop() {
        double wall = (System.nanoTime() - t0) / 1e9;
        double server = serverTotal() - server0;
        double self = Machine.processCpu(ProcessHandle.current().pid()) - self0;
        Double all = Machine.cpuSecondsAllProcesses();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wallSeconds", Report.round(wall, 2));
        if (serverPid != null) {
            double jvm = Machine.processCpu(serverPid) - jvm0;
            m.put("serverCores", Report.round(server / wall, 2));
            m.put("serverJvmCores", Report.round(jvm / wall, 2));
            m.put("postgresCores", Report.round((server - jvm) / wall, 2));
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
