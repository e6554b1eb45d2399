package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.careledger.infra.support.IntegrationTest;
import org.careledger.kernel.error.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document describes the API as integrators need it (issue 15): no caller parameter,
 * a security scheme on every protected operation, problem responses with their codes, concrete
 * media types, words for every operation, no development-only operation; and it is the checked-in
 * contract {@code docs/openapi/careledger.yaml}. After an intended change of the API, regenerate
 * the checked-in file with {@code -Dcareledger.openapi.update=true} and review the difference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTest extends IntegrationTest {

    static final Path DOCUMENTS = Path.of("..", "docs", "openapi");
    static final Path CHECKED_IN = DOCUMENTS.resolve("careledger.yaml");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Autowired
    WebTestClient client;

    String yaml;
    Map<String, Object> doc;

    @BeforeAll
    void fetch() {
        yaml = live("careledger");
        doc = parse(yaml);
    }

    private String live(String group) {
        return client.get().uri("/v3/api-docs.yaml/" + group).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The audiences of openapi/operations.yaml: one checked-in document each. */
    private static Set<String> audiences() {
        return new TreeSet<>(map(parse(resource("openapi/operations.yaml")).get("audiences")).keySet());
    }

    @Test
    void requestInputIsBoundedAsTheServerBoundsIt() {
        Map<String, Object> schemas = map(map(doc.get("components")).get("schemas"));
        List<String> unbounded = new ArrayList<>();
        schemas.forEach((name, raw) -> {
            if (!name.endsWith("Body") && !name.equals("LicenceNotification")) {
                return;
            }
            Map<String, Object> schema = map(raw);
            assertThat(list2(schema.get("required"))).as(name + " lists the fields its parser requires").isNotNull();
            map(schema.get("properties")).forEach((property, p) -> bounded(name + "." + property, map(p), unbounded));
        });
        forEachOperation((key, op) -> list(op.get("parameters"))
                .forEach(p -> bounded(key + " " + p.get("name"), map(p.get("schema")), unbounded)));
        assertThat(unbounded).as("request strings need maxLength/enum/pattern, integers both bounds, arrays maxItems").isEmpty();
        Map<String, Object> filing = map(schemas.get("FileInstitutionBody"));
        assertThat(list2(filing.get("required"))).contains("creditCode", "division", "classes", "documents");
        Map<String, Object> props = map(filing.get("properties"));
        assertThat(map(props.get("creditCode")).get("pattern")).isEqualTo(org.careledger.kernel.value.CreditCode.PATTERN);
        assertThat(map(props.get("division")).get("pattern")).isEqualTo(org.careledger.kernel.value.DivisionCode.PATTERN);
        assertThat(map(props.get("classes")).get("maxItems")).isEqualTo(org.careledger.kernel.value.InputRules.MAX_ITEMS);
        assertThat(map(map(map(schemas.get("RegisterChildBody")).get("properties")).get("citizenId")).get("pattern"))
                .isEqualTo(org.careledger.kernel.child.CitizenId.PATTERN);
    }

    private static void bounded(String where, Map<String, Object> s, List<String> unbounded) {
        Object type = s.get("type");
        if ("string".equals(type) && !s.containsKey("maxLength") && !s.containsKey("enum")) {
            unbounded.add(where);
        } else if ("integer".equals(type) && !(s.containsKey("minimum") && s.containsKey("maximum"))) {
            unbounded.add(where);
        } else if ("array".equals(type)) {
            if (!s.containsKey("maxItems")) {
                unbounded.add(where);
            }
            bounded(where + "[]", map(s.get("items")), unbounded);
        }
    }

    @Test
    void eachAudienceHasItsCheckedInDocument() throws IOException {
        Set<String> everyOperation = new TreeSet<>();
        forEachOperation((key, op) -> everyOperation.add(key));
        Set<String> covered = new TreeSet<>();
        List<String> differing = new ArrayList<>();
        for (String audience : audiences()) {
            String live = live(audience);
            Path file = DOCUMENTS.resolve(audience + ".yaml");
            if (Boolean.getBoolean("careledger.openapi.update")) {
                Files.writeString(file, live, StandardCharsets.UTF_8);
            }
            Map<String, Object> document = parse(live);
            map(document.get("paths")).forEach((path, item) -> map(item).keySet().stream().filter(METHODS::contains)
                    .forEach(method -> covered.add(method.toUpperCase() + " " + path)));
            assertThat(map(document.get("paths"))).as(audience).isNotEmpty();
            if (!Files.exists(file) || !parse(Files.readString(file, StandardCharsets.UTF_8)).equals(document)) {
                Files.writeString(Path.of("target", "openapi-live-" + audience + ".yaml"), live, StandardCharsets.UTF_8);
                differing.add(audience);
            }
        }
        assertThat(covered).as("every operation is in some audience's document").isEqualTo(everyOperation);
        assertThat(differing).as("audience documents that differ from docs/openapi/<audience>.yaml (live ones written to "
                + "infra/target/openapi-live-<audience>.yaml; if intended, run with -Dcareledger.openapi.update=true)").isEmpty();
    }

    @Test
    void theCallerIsNeverAParameterAndProtectedOperationsCarryTheBearerScheme() {
        assertThat(map(map(doc.get("components")).get("securitySchemes"))).containsKeys("bearerAuth", "platformSignature");
        forEachOperation((key, op) -> {
            List<Map<String, Object>> params = list(op.get("parameters"));
            assertThat(params).as(key).noneMatch(p -> "caller".equals(p.get("name")) || "exchange".equals(p.get("name")));
            assertThat(op).as(key + " states its security").containsKey("security");
            List<Map<String, Object>> security = list(op.get("security"));
            String path = key.substring(key.indexOf(' ') + 1);
            if (path.startsWith("/api/v1/public/")) {
                assertThat(security).as(key + " is public").isEmpty();
            } else {
                assertThat(security).as(key + " is protected").isNotEmpty();
            }
        });
    }

    @Test
    void everyOperationDocumentsItsProblemResponsesWithTheirCodes() {
        Set<String> allCodes = new TreeSet<>(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        Map<String, Object> problem = map(map(map(doc.get("components")).get("schemas")).get("Problem"));
        assertThat(new TreeSet<>(list2(map(map(problem.get("properties")).get("code")).get("enum")))).isEqualTo(allCodes);
        assertThat(list2(problem.get("required"))).contains("type", "title", "status", "code");
        forEachOperation((key, op) -> {
            Map<String, Object> responses = map(op.get("responses"));
            assertThat(responses.keySet()).as(key).anyMatch(s -> s.startsWith("4")).anyMatch(s -> s.startsWith("5"));
            responses.forEach((status, raw) -> {
                if (Integer.parseInt(status) < 400) {
                    return;
                }
                Map<String, Object> content = map(map(raw).get("content"));
                assertThat(content).as(key + " " + status).containsOnlyKeys("application/problem+json");
                List<Map<String, Object>> allOf = list(map(map(content.get("application/problem+json")).get("schema")).get("allOf"));
                List<String> codes = list2(map(map(map(allOf.get(1)).get("properties")).get("code")).get("enum"));
                assertThat(codes).as(key + " " + status).isNotEmpty().allSatisfy(code ->
                        assertThat(ErrorCode.valueOf(code).httpStatus()).isEqualTo(Integer.parseInt(status)));
            });
            if (list(op.get("security")).stream().anyMatch(s -> s.containsKey("bearerAuth"))) {
                assertThat(responses).as(key).containsKeys("401", "403");
            }
        });
    }

    @Test
    void mediaTypesAreConcreteAndTheReplacedSchemasAreReal() {
        forEachOperation((key, op) -> {
            Map<String, Object> body = map(op.get("requestBody"));
            assertThat(map(body.get("content")).keySet()).as(key).doesNotContain("*/*");
            map(op.get("responses")).forEach((status, raw) ->
                    assertThat(map(map(raw).get("content")).keySet()).as(key + " " + status).doesNotContain("*/*"));
        });
        assertThat(yaml).doesNotContain("RawValue").doesNotContain("DataBuffer");
        assertThat(map(map(map(doc.get("components")).get("schemas")).get("HistoryLine")).get("required")).isNotNull();
        Map<String, Object> schemas = map(map(doc.get("components")).get("schemas"));
        assertThat(map(map(schemas.get("PublicInstitution")).get("properties"))).containsKeys("filingNumber", "name", "classes");
        assertThat(map(map(schemas.get("EvidenceBundle")).get("properties"))).containsKeys("format", "root", "chain");
    }

    @Test
    void everyOperationHasItsWordsAndTagsAreDefined() {
        Set<String> tags = new TreeSet<>();
        list(doc.get("tags")).forEach(t -> {
            assertThat((String) t.get("description")).as("tag " + t.get("name")).isNotBlank();
            tags.add((String) t.get("name"));
        });
        Set<String> ids = new TreeSet<>();
        forEachOperation((key, op) -> {
            assertThat((String) op.get("summary")).as(key).isNotBlank();
            assertThat((String) op.get("description")).as(key).isNotBlank();
            assertThat(tags).as(key).containsAll(list2(op.get("tags")));
            assertThat(ids.add((String) op.get("operationId"))).as(key + " has a unique operationId").isTrue();
        });
        // every entry of the catalogue names a live operation: nothing documented that does not exist
        Map<String, Object> catalogue = parse(resource("openapi/operations.yaml"));
        Set<String> live = new TreeSet<>();
        forEachOperation((key, op) -> live.add(key));
        assertThat(live).isEqualTo(new TreeSet<>(map(catalogue.get("operations")).keySet()));
    }

    @Test
    void developmentOnlyOperationsAreNotPublished() {
        assertThat(map(doc.get("paths")).keySet())
                .noneMatch(p -> p.startsWith("/api/v1/dev/") || p.startsWith("/simulator/"));
    }

    @Test
    void theLiveDocumentIsTheCheckedInContract() throws IOException {
        if (Boolean.getBoolean("careledger.openapi.update")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, yaml, StandardCharsets.UTF_8);
        }
        assertThat(CHECKED_IN).as("the checked-in contract; create it with -Dcareledger.openapi.update=true").exists();
        Map<String, Object> checkedIn = parse(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
        if (!checkedIn.equals(doc)) {
            Path live = Path.of("target", "openapi-live.yaml");
            Files.writeString(live, yaml, StandardCharsets.UTF_8);
            throw new AssertionError("The API differs from docs/openapi/careledger.yaml (live document written to "
                    + live.toAbsolutePath() + "). If the change is intended, run the test with "
                    + "-Dcareledger.openapi.update=true and commit the new contract.");
        }
    }

    /**
     * Each parameter carries its own rule. springdoc handed several parameters one schema object, and
     * the purpose enum narrowed for {@code purpose} appeared on 37 other query parameters (the public
     * search's {@code division}, supervision's {@code status}, every {@code asOf}), and the UUID
     * pattern on the path's filing numbers, certificate numbers and order ids: the contract refused
     * every valid value of theirs.
     */
    @Test
    void eachParameterCarriesItsOwnRule() {
        List<String> purposes = Arrays.stream(org.careledger.kernel.child.PersonalDataPurpose.values())
                .map(Enum::name).toList();
        List<String> borrowed = new ArrayList<>();
        List<String> purposeParameters = new ArrayList<>();
        forEachOperation((key, op) -> list(op.get("parameters")).forEach(p -> {
            List<String> values = list2(map(p.get("schema")).get("enum"));
            if ("purpose".equals(p.get("name"))) {
                purposeParameters.add(key);
                assertThat(values).as(key + " purpose").isEqualTo(purposes);
            } else if (values.stream().anyMatch(purposes::contains)) {
                borrowed.add(key + " " + p.get("in") + ":" + p.get("name"));
            }
        }));
        assertThat(purposeParameters).as("operations with a purpose parameter").isNotEmpty();
        assertThat(borrowed).as("parameters showing the personal-data purposes as their values").isEmpty();
        Map<String, String> patterns = Map.of(
                "filingNumber", org.careledger.kernel.id.FilingNumber.PATTERN,
                "orderId", org.careledger.kernel.id.Identifiers.ORDER_ID_PATTERN,
                "id", org.careledger.kernel.id.Identifiers.UUID_PATTERN);
        List<String> wrongPattern = new ArrayList<>();
        forEachOperation((key, op) -> list(op.get("parameters")).stream()
                .filter(p -> "path".equals(p.get("in")) && patterns.containsKey(p.get("name")))
                .filter(p -> !patterns.get(p.get("name")).equals(map(p.get("schema")).get("pattern")))
                .forEach(p -> wrongPattern.add(key + " " + p.get("name"))));
        assertThat(wrongPattern).as("path parameters without the pattern of their own kind").isEmpty();
    }

    private void forEachOperation(java.util.function.BiConsumer<String, Map<String, Object>> check) {
        map(doc.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                check.accept(method.toUpperCase() + " " + path, map(op));
            }
        }));
    }

    static Map<String, Object> parse(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    private static String resource(String name) {
        try (var in = ApiContractTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : new ArrayList<>();
    }

    @SuppressWarnings("unchecked")
    static List<String> list2(Object o) {
        return o instanceof List<?> l ? (List<String>) l : new ArrayList<>();
    }
}
