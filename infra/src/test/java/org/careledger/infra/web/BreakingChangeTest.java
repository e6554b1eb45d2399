package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Breaking changes of the contract, reported by openapi-diff (docs/api.md): every checked-in
 * document docs/openapi/NAME.yaml is compared with its baseline docs/openapi/baseline/NAME.yaml,
 * the contract integrators were last given. The report of each comparison is written to
 * infra/target/openapi-changes/NAME.md; the test fails on a change openapi-diff classes as
 * incompatible. A deliberate breaking change is accepted by running this test with
 * {@code -Dcareledger.openapi.accept-breaking=true}, which makes the current documents the new
 * baseline: the baseline's diff then shows the break in review, next to the change that caused it.
 */
class BreakingChangeTest {

    static final Path DOCUMENTS = Path.of("..", "docs", "openapi");
    static final Path BASELINE = DOCUMENTS.resolve("baseline");
    static final Path REPORTS = Path.of("target", "openapi-changes");

    @Test
    void noDocumentBreaksItsBaseline() throws IOException {
        Files.createDirectories(REPORTS);
        List<Path> documents;
        try (Stream<Path> files = Files.list(DOCUMENTS)) {
            documents = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(documents).isNotEmpty();
        List<String> breaking = new ArrayList<>();
        for (Path document : documents) {
            Path baseline = BASELINE.resolve(document.getFileName());
            if (Boolean.getBoolean("careledger.openapi.accept-breaking") || !Files.exists(baseline)) {
                Files.createDirectories(BASELINE);
                Files.copy(document, baseline, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ChangedOpenApi diff = OpenApiCompare.fromContents(Files.readString(baseline, StandardCharsets.UTF_8),
                    Files.readString(document, StandardCharsets.UTF_8));
            Path report = REPORTS.resolve(document.getFileName().toString().replace(".yaml", ".md"));
            try (OutputStreamWriter out = new OutputStreamWriter(Files.newOutputStream(report), StandardCharsets.UTF_8)) {
                new MarkdownRender().render(diff, out);
            }
            if (diff.isIncompatible()) {
                breaking.add(document.getFileName() + " (" + report.toAbsolutePath() + ")");
            }
        }
        assertThat(breaking).as("documents with changes that break their baseline in docs/openapi/baseline; accept a "
                + "deliberate break with -Dcareledger.openapi.accept-breaking=true and commit the new baseline").isEmpty();
    }
}
