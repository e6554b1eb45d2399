package org.careledger.query.whitelist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.ProjectionBatch;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public white-list (白名单) in MongoDB: one document per institution with the fields the
 * public may see, plus search keys (name tokens, division prefixes, plain latitude/longitude).
 * MongoDB shares no transaction with the token store, so writes are idempotent: a document only
 * moves forward to a later event position. A batch is one read ($in) and one ordered bulkWrite.
 *
 * <p>Blocking on the driver's publishers is fine here: this runs on the processor's own threads,
 * never on a Netty event loop.
 */
@Projection
@Component
@ProcessingGroup(WhiteListProjection.NAME)
public class WhiteListProjection {

    public static final String NAME = "white-list";
    public static final String COLLECTION = "white_list";
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final MongoCollection<Document> documents;
    private final ObjectMapper json;
    private final InstitutionViewJson viewJson;
    private final PublicWhiteList memory;
    private final EventIsolation isolation;

    public WhiteListProjection(@Qualifier("careLedgerMongoDatabase") MongoDatabase database, ObjectMapper json,
                               InstitutionViewJson viewJson, PublicWhiteList memory, EventIsolation isolation) {
        this.isolation = isolation;
        this.documents = database.getCollection(COLLECTION);
        this.json = json;
        this.viewJson = viewJson;
        this.memory = memory;
    }

    @EventHandler
    void on(InstitutionEvent event, org.axonframework.eventhandling.EventMessage<?> message, TrackingToken token) {
        isolation.collect(NAME, message, event.institutionId().value(), event, ProjectionBatch.position(token), this::flush);
    }

    @ResetHandler
    void reset() {
        isolation.forgetParked(NAME);
        Mono.from(documents.deleteMany(new Document())).block(STORE_TIMEOUT);
        memory.clear();
    }

    void flush(ProjectionBatch batch) {
        List<String> ids = new ArrayList<>(batch.byInstitution().keySet());
        Map<String, InstitutionView> current = new HashMap<>();
        Flux.from(documents.find(Filters.in("_id", ids)))
                .doOnNext(d -> current.put(d.getString("_id"), viewJson.read(d.getString("viewJson"))))
                .then().block(STORE_TIMEOUT);
        Map<String, InstitutionView> changed = batch.applyTo(current);
        if (changed.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<PublicWhiteList.Entry> entries = new ArrayList<>();
        for (InstitutionView view : changed.values()) {
            String entry = writePublic(PublicEntry.of(view));
            Document document = toDocument(view, entry);
            // only ever move a document forward: a stale redelivery cannot overwrite newer state
            writes.add(new ReplaceOneModel<>(
                    Filters.and(Filters.eq("_id", view.institutionId()), Filters.lte("lastPosition", view.lastPosition())),
                    document, new ReplaceOptions().upsert(!current.containsKey(view.institutionId()))));
            entries.add(PublicWhiteList.entryOf(document, entry));
        }
        Mono.from(documents.bulkWrite(writes, new BulkWriteOptions().ordered(true))).block(STORE_TIMEOUT);
        // searches answer from memory; it takes the entries before this batch's token is stored
        memory.accept(entries);
    }

    Document toDocument(InstitutionView v, String publicJson) {
        DivisionCode division = DivisionCode.parse(v.division());
        List<String> prefixes = division.searchPrefixes();
        List<Document> classes = new ArrayList<>();
        v.classes().forEach((id, c) -> classes.add(new Document("classId", id).append("name", c.name())
                .append("classType", c.classType().name()).append("places", c.places()).append("open", c.open())));
        List<String> classTypes = v.classes().values().stream().filter(InstitutionView.ClassView::open)
                .map(c -> c.classType().name()).distinct().sorted().toList();
        Document doc = new Document("_id", v.institutionId())
                .append("listed", v.everFiled() && v.status() != FilingStatus.SUBMITTED && v.status() != FilingStatus.REJECTED)
                .append("status", v.status().name())
                .append("name", v.name())
                .append("nameTokens", new ArrayList<>(NameTokens.of(v.name())))
                .append("divisionPrefixes", prefixes)
                .append("institutionType", v.type().name())
                .append("puhui", v.puhui())
                .append("classTypes", classTypes)
                .append("serviceTypes", v.serviceTypes().stream().map(Enum::name).sorted().toList())
                .append("location", new Document("lat", v.location().latitude()).append("lng", v.location().longitude()))
                .append("totalPlaces", v.totalPlaces())
                .append("vacancies", v.totalVacancies())
                .append("classes", classes)
                .append("statusChangedAt", v.statusChangedAt() == null ? null : Date.from(v.statusChangedAt()))
                .append("lastPosition", v.lastPosition())
                .append("viewJson", viewJson.write(v))
                .append("publicJson", publicJson)
                .append("updatedAt", new Date());
        if (v.filingNumber() != null) {
            doc.append("filingNumber", v.filingNumber());
        }
        for (ClassType t : ClassType.values()) {
            doc.append("places" + t.name(), v.places(t));
        }
        return doc;
    }

    private String writePublic(PublicEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a public white-list entry", e);
        }
    }

}
