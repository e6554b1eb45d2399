package org.careledger.query.institution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.springframework.stereotype.Component;

/**
 * The stored form of an {@link InstitutionView} (jsonb in supervision, a string in the white-list),
 * read and written in one place. Reader and writer are built at start, so no request or processor
 * thread builds a Jackson (de)serializer under its cache lock.
 */
@Component
public class InstitutionViewJson {

    private final ObjectReader reader;
    private final ObjectWriter writer;

    public InstitutionViewJson(ObjectMapper json) {
        this.reader = json.readerFor(InstitutionView.class);
        this.writer = json.writerFor(InstitutionView.class);
    }

    public InstitutionView read(String text) {
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored institution view", e);
        }
    }

    public String write(InstitutionView view) {
        try {
            return writer.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the view of " + view.institutionId(), e);
        }
    }
}
