package org.careledger.infra.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.careledger.command.cluster.ClusterLeases;
import org.careledger.kernel.concurrent.RepeatingTask;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares the event processors' segments between the instances of one store, and coordinates
 * replays across them (ADR 0024, docs/scale-out.md). On a thread of its own, every
 * {@code careledger.cluster.heartbeat}:
 * <ol>
 *   <li>renews this instance's row in {@code careledger_instance} and counts the live instances
 *       (rows not older than {@code instance-timeout});</li>
 *   <li>computes each processor's fair share, ⌈segments ÷ live instances⌉, which caps the segments
 *       this instance claims ({@link MaxSegmentProvider}), and gives segments beyond it back so that
 *       the other instances claim them;</li>
 *   <li>stops a processor while another instance replays it, and starts it again once that
 *       replay's tokens are reset.</li>
 * </ol>
 * When an instance dies, its row runs out after {@code instance-timeout}, the shares of the others
 * grow, and they claim its segments once its claims are older than
 * {@code axon.eventhandling.tokenstore.claim-timeout}.
 */
@Component
@EnableConfigurationProperties(ClusterProperties.class)
public class ProcessorCoordinator implements SmartLifecycle, MaxSegmentProvider {

    private static final Logger log = LoggerFactory.getLogger(ProcessorCoordinator.class);

    private final JdbcTemplate jdbc;
    private final String instanceId;
    private final ClusterProperties properties;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Map<String, Integer> shares = new ConcurrentHashMap<>();
    /** Processors stopped here while another instance replays them: processor → replay request id. */
    private final Map<String, String> pausedFor = new ConcurrentHashMap<>();
    private volatile int liveInstances = 1;
    private final RepeatingTask.Slot task = new RepeatingTask.Slot();
    private volatile boolean running;

    public ProcessorCoordinator(JdbcTemplate jdbc, ClusterLeases leases, ClusterProperties properties,
                                ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.instanceId = leases.instanceId();
        this.properties = properties;
        this.processing = processing;
    }

    /**
     * The most segments of {@code processorName} this instance claims now: its fair share, or, with
     * {@code careledger.cluster.balance-segments=false}, no cap at all (Axon gives back claimed
     * segments beyond this number by itself, so a capped share alone would still balance).
     */
    @Override
    public int getMaxSegments(String processorName) {
        if (!properties.balanceSegments()) {
            return UNCAPPED;
        }
        return shares.getOrDefault(processorName, UNCAPPED);
    }

    /** As many segments as there can be (Axon's own default for "no maximum"). */
    static final int UNCAPPED = Short.MAX_VALUE;

    /** Live instances at the last heartbeat (this one included). */
    public int liveInstances() {
        return liveInstances;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Before the processors start (they start in a later phase), so the shares are known when they claim. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        heartbeat();
        task.start("cluster-coordinator", properties.heartbeat(), properties.heartbeat(), this::round);
    }

    @Override
    public synchronized void stop() {
        running = false;
        task.stop(Duration.ofSeconds(10));
        try {
            jdbc.update("DELETE FROM careledger_instance WHERE instance_id = ?", instanceId);
        } catch (RuntimeException e) {
            log.info("Could not remove this instance's row (it runs out by itself): {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void round() {
        try {
            heartbeat();
            followReplays();
            if (properties.balanceSegments()) {
                balance();
            }
        } catch (RuntimeException e) {
            log.warn("Cluster round failed, retrying in {}: {}", properties.heartbeat(), e.toString());
        }
    }

    /** Renews this instance's row, counts the live instances and computes the shares. */
    void heartbeat() {
        jdbc.update("INSERT INTO careledger_instance (instance_id, seen_until) VALUES (?, now() + ? * interval '1 millisecond') "
                + "ON CONFLICT (instance_id) DO UPDATE SET seen_until = excluded.seen_until",
                instanceId, properties.instanceTimeout().toMillis());
        Integer live = jdbc.queryForObject("SELECT count(*) FROM careledger_instance WHERE seen_until > now()", Integer.class);
        jdbc.update("DELETE FROM careledger_instance WHERE seen_until < now() - interval '1 day'");
        int instances = live == null || live < 1 ? 1 : live;
        if (instances != liveInstances) {
            log.info("{} instance(s) share the processors' segments now", instances);
        }
        liveInstances = instances;
        Map<String, Integer> segments = new HashMap<>();
        jdbc.query("SELECT processor_name, count(*) FROM token_entry GROUP BY processor_name",
                rs -> {
                    segments.put(rs.getString(1), rs.getInt(2));
                });
        updateShares(segments, instances);
    }

    /** Each processor's fair share of its {@code segments} among {@code instances} live instances: ⌈segments ÷ instances⌉. */
    void updateShares(Map<String, Integer> segments, int instances) {
        segments.forEach((name, count) -> shares.put(name, (count + instances - 1) / instances));
    }

    /** Gives back the segments beyond this instance's share of every running processor. */
    private void balance() {
        EventProcessingConfiguration config = processing.getIfAvailable();
        if (config == null) {
            return;
        }
        config.eventProcessors().forEach((name, processor) -> {
            Integer share = shares.get(name);
            if (share == null || pausedFor.containsKey(name) || !(processor instanceof StreamingEventProcessor streaming)
                    || !streaming.isRunning()) {
                return;
            }
            List<Integer> mine = new ArrayList<>(streaming.processingStatus().keySet());
            mine.sort(null);
            for (int i = mine.size() - 1; i >= share; i--) {
                log.info("Giving segment {} of {} back for another instance (share {} of {} instances)", mine.get(i), name,
                        share, liveInstances);
                streaming.releaseSegment(mine.get(i));
            }
        });
    }

    private record Request(String processor, String requestId, String requestedBy, boolean over) {
    }

    /** Stops processors another instance is replaying; starts them again once that replay has reset the tokens. */
    private void followReplays() {
        List<Request> requests = jdbc.query("SELECT processor_name, request_id, requested_by, "
                + "done_at IS NOT NULL OR requested_at < now() - ? * interval '1 millisecond' FROM processor_replay",
                (rs, i) -> new Request(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                properties.replayTimeout().toMillis());
        for (Request request : requests) {
            String paused = pausedFor.get(request.processor());
            boolean others = !request.requestedBy().equals(instanceId);
            if (others && !request.over() && paused == null) {
                streaming(request.processor()).ifPresent(p -> {
                    log.info("Instance {} replays {}: stopping it here until its tokens are reset", request.requestedBy(),
                            request.processor());
                    pausedFor.put(request.processor(), request.requestId());
                    p.shutDown();
                });
            } else if (paused != null && (request.over() || !others)) {
                streaming(request.processor()).ifPresent(p -> {
                    log.info("The replay of {} has reset its tokens: starting it here again", request.processor());
                    p.start();
                });
                pausedFor.remove(request.processor());
            }
        }
    }

    /**
     * Replays a processor from the first event, from whichever instance is asked: the other
     * instances are asked (through {@code processor_replay}) to stop it and give its segments back,
     * this instance resets the tokens once it can claim every segment, and the processor is started
     * again here whatever happened. Blocks: call it off the event loop.
     *
     * @throws DomainException CONCURRENT_MODIFICATION when the segments were not given back within
     *                         {@code careledger.cluster.replay-timeout}
     */
    public void replay(String name, StreamingEventProcessor processor) {
        String requestId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO processor_replay (processor_name, request_id, requested_by) VALUES (?, ?, ?) "
                + "ON CONFLICT (processor_name) DO UPDATE SET request_id = excluded.request_id, "
                + "requested_by = excluded.requested_by, requested_at = now(), done_at = NULL",
                name, requestId, instanceId);
        long deadline = System.nanoTime() + properties.replayTimeout().toNanos();
        processor.shutDown();
        try {
            while (true) {
                try {
                    processor.resetTokens();
                    log.info("Projection {} reset from instance {}: replaying", name, instanceId);
                    return;
                } catch (UnableToClaimTokenException e) {
                    if (System.nanoTime() > deadline) {
                        throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION, "Another instance still holds segments of "
                                + name + "; the replay did not start, retry");
                    }
                    sleep(properties.heartbeat().toMillis() / 2);
                }
            }
        } finally {
            jdbc.update("UPDATE processor_replay SET done_at = now() WHERE processor_name = ? AND request_id = ?", name, requestId);
            processor.start();
        }
    }

    private Optional<StreamingEventProcessor> streaming(String name) {
        EventProcessingConfiguration config = processing.getIfAvailable();
        return config == null ? Optional.empty() : config.eventProcessor(name, StreamingEventProcessor.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(50, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the segments of a replay", e);
        }
    }
}
