package org.careledger.benchmark;

/**
 * {@code java -jar benchmark/target/careledger-benchmark.jar [options]}: see {@link Options#usage()}
 * and docs/performance.md.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
                System.err.println();
            }
            System.err.println(Options.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        try {
            new Benchmark(options).run();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
