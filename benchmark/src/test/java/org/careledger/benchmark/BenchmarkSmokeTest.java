package org.careledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Keeps the harness from rotting: a run at tiny scale against a server it starts from the jar
 * packaged earlier in the build. Asserts that the run completes and that the results carry every
 * section with the figures filled in; never a duration (QUALITY.md: timing belongs in benchmarks).
 */
class BenchmarkSmokeTest {

    @Test
    void aTinyRunCompletesAndWritesEverySection() throws Exception {
        Path jar = Path.of(System.getProperty("careledger.server.jar", "../infra/target/careledger.jar"));
        assertThat(jar).as("the server jar is packaged before this module's tests").isRegularFile();
        Path results = Path.of(System.getProperty("careledger.benchmark.results", "target/smoke-results"));
        Options options = Options.parse(new String[] {
                "--jar", jar.toString(),
                "--institutions", "3", "--children", "20", "--days", "2",
                "--ingest-concurrency", "4",
                "--search-concurrency", "4", "--search-warmup-seconds", "0.3", "--search-seconds", "0.7",
                "--as-of-requests", "3",
                "--long-history-events", "60",
                "--max-minutes", "10",
                // only the smoke run: do not wait 30 s for idle keep-alive connections at shutdown
                "--server-arg", "--spring.lifecycle.timeout-per-shutdown-phase=3s",
                "--results", results.toString(),
                "--label", "smoke"});

        Path json = new Benchmark(options).run();

        assertThat(json).isRegularFile();
        assertThat(Path.of(json.toString().replace(".json", ".md"))).isRegularFile();
        JsonNode r = Api.JSON.readTree(json.toFile());
        for (String section : Report.SECTIONS) {
            assertThat(r.has(section)).as("section " + section).isTrue();
        }
        assertThat(r.path("region").path("institutions").asInt()).isEqualTo(3);
        assertThat(r.path("region").path("children").asInt()).isEqualTo(20);
        assertThat(r.path("region").path("attendanceRecords").asLong()).isEqualTo(40);
        assertThat(r.path("ingest").path("errors").asInt()).isZero();
        assertThat(r.path("ingest").path("events").asLong()).isPositive();
        assertThat(r.path("ingest").path("rawJdbcReference").path("rows").asLong())
                .isEqualTo(r.path("ingest").path("events").asLong());
        assertThat(r.path("projections").path("rebuild").path("allTogether").path("seconds").isNumber()).isTrue();
        assertThat(r.path("projections").path("rebuild").path("reference").path("undeserialisable").asLong()).isZero();
        for (String workload : List.of("filter", "name", "near")) {
            JsonNode w = r.path("search").path("workloads").path(workload);
            assertThat(w.path("server").path("errors").asLong()).as(workload).isZero();
            assertThat(w.path("inMemoryReference").path("errors").asLong()).as(workload).isZero();
        }
        JsonNode scaleOut = r.path("scaleOut");
        assertThat(scaleOut.path("sameSearchAnswers").asBoolean()).as("the second instance answers like the first").isTrue();
        for (String instances : List.of("oneInstance", "twoInstances")) {
            assertThat(scaleOut.path("commands").path(instances).path("accepted").asLong()).as(instances).isPositive();
            assertThat(scaleOut.path("commands").path(instances).path("errors").asLong()).as(instances).isZero();
            for (String workload : List.of("filter", "name", "near")) {
                JsonNode w = scaleOut.path("search").path(workload).path(instances);
                assertThat(w.path("requests").asLong()).as(workload + " " + instances).isPositive();
                assertThat(w.path("errors").asLong()).as(workload + " " + instances).isZero();
            }
        }
        assertThat(r.path("inspector").path("readEventsReference").path("p99Ms").isNumber()).isTrue();
        JsonNode inspector = r.path("inspector");
        assertThat(inspector.path("longHistory").path("errors").asInt()).isZero();
        assertThat(inspector.path("longHistory").path("commands").asLong()).isGreaterThanOrEqualTo(60);
        assertThat(inspector.path("stateEvents").asLong()).isGreaterThanOrEqualTo(60);
        for (String reading : List.of("recorded", "business")) {
            assertThat(inspector.path(reading).path("errors").asInt()).as(reading).isZero();
            assertThat(inspector.path(reading).path("requests").asInt()).as(reading).isPositive();
        }
        assertThat(r.path("storage").path("bytesPerEvent").isNumber()).isTrue();
        assertThat(r.path("machine").path("cores").asInt()).isPositive();
        assertThat(r.path("table").size()).isGreaterThanOrEqualTo(8);
        assertThat(Files.readString(json).contains("\"skipped\"")).as("no phase skipped").isFalse();
    }
}
