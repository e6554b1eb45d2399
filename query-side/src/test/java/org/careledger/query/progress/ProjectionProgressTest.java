package org.careledger.query.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProjectionProgressTest {

    private final ObjectMapper json = new ObjectMapper();

    private boolean covers(String token, long position) throws Exception {
        return ProjectionProgress.covers(json.readTree(token), position);
    }

    @Test
    void aTokenCoversPositionsUpToItsIndex() throws Exception {
        assertThat(covers("{\"index\":42,\"gaps\":[]}", 42)).isTrue();
        assertThat(covers("{\"index\":42,\"gaps\":[]}", 43)).isFalse();
    }

    @Test
    void aPositionInAGapIsNotYetProcessed() throws Exception {
        assertThat(covers("{\"index\":42,\"gaps\":[40,41]}", 41)).isFalse();
        assertThat(covers("{\"index\":42,\"gaps\":[40,41]}", 39)).isTrue();
    }

    @Test
    void duringAReplayTheReplayedPositionCounts() throws Exception {
        String replay = "{\"tokenAtReset\":{\"index\":100,\"gaps\":[]},\"currentToken\":{\"index\":10,\"gaps\":[]}}";
        assertThat(covers(replay, 10)).isTrue();
        assertThat(covers(replay, 50)).isFalse();
    }

    @Test
    void aMissingTokenCoversNothing() throws Exception {
        assertThat(covers("null", 1)).isFalse();
        assertThat(covers("{}", 1)).isFalse();
    }

    @Test
    void completeUpToStopsBelowTheFirstGapAndTheSlowestSegment() throws Exception {
        assertThat(ProjectionProgress.completeUpTo(json.readTree("{\"index\":42,\"gaps\":[]}"))).isEqualTo(42);
        assertThat(ProjectionProgress.completeUpTo(json.readTree("{\"index\":42,\"gaps\":[40,41]}"))).isEqualTo(39);
        assertThat(ProjectionProgress.completeUpTo(json.readTree(
                "{\"lowerSegmentToken\":{\"index\":42,\"gaps\":[]},\"upperSegmentToken\":{\"index\":30,\"gaps\":[]}}")))
                .isEqualTo(30);
        assertThat(ProjectionProgress.completeUpTo(json.readTree(
                "{\"tokenAtReset\":{\"index\":100,\"gaps\":[]},\"currentToken\":{\"index\":10,\"gaps\":[]}}")))
                .isEqualTo(10);
        assertThat(ProjectionProgress.completeUpTo(json.readTree("null"))).isEqualTo(-1);
    }
}
