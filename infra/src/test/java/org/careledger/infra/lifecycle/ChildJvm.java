package org.careledger.infra.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.careledger.infra.CareLedgerApplication;

/** Starts the application (or another main class) in a JVM of its own, output to a file. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Path output, List<String> args) throws IOException {
        return startMain(output, CareLedgerApplication.class.getName(), args);
    }

    static Process startMain(Path output, String mainClass, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Arguments every child needs: no JMX clash, quick non-durable stores. */
    static List<String> common(Path dataDir, int port) {
        return List.of("--server.port=" + port, "--careledger.data-dir=" + dataDir,
                "--spring.jmx.enabled=false", "--careledger.embedded.durable=false");
    }
}
