package org.careledger.infra.web.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.query.whitelist.PublicEntry;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the generated OpenAPI document the API's contract (docs/api.md): the caller comes from
 * the bearer token and is never a parameter; protected operations carry the bearer scheme and
 * public ones say they need none; every operation documents the problem responses it answers,
 * with the stable codes each can carry; media types are concrete; the words (ids, tags,
 * summaries, descriptions, domain codes) come from {@code openapi/operations.yaml}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiContractConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiContractConfiguration.class);
    /** The group of the whole contract. */
    public static final String WHOLE = "careledger";
    static final String BEARER = "bearerAuth";
    static final String ADMIN_BEARER = "adminBearerAuth";
    static final String PLATFORM_SIGNATURE = "platformSignature";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    private static final String NOTIFICATIONS = "/api/v1/integration/e-license/notifications";
    private static final String ADMIN_PATHS = "/api/v1/admin/";
    /** Commands whose {@code reason} the server requires (the other users of ReasonBody take it as optional). */
    private static final Set<String> REASON_REQUIRED = Set.of("/api/v1/institutions/{id}/filing/suspend",
            "/api/v1/institutions/{id}/filing/revoke");

    static {
        // the Caller is resolved from the verified token (CallerArgumentResolver), not from the request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // enums are named schemas (ClassType, ServiceType, …) that generated clients share
        io.swagger.v3.core.jackson.ModelResolver.enumsAsRef = true;
    }

    @Bean
    OpenAPI careLedgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("CareLedger API").version("v1")
                        .description("Supervision of childcare for children under three (托育): filing (备案), classes, "
                                + "children, enrolment and attendance, inspections, subsidies, e-licences, and the public "
                                + "white-list (白名单). Every fact is an event in one append-only, hash-chained store. "
                                + "Errors are RFC 9457 problem documents with a stable `code`. See docs/api.md.")
                        .contact(new Contact().name("The health commission operating this instance")))
                .servers(List.of(server()))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A JWT from the health commission's identity provider (or, when trying the "
                                        + "system out on loopback, the local token issuer). Its claims name the role and "
                                        + "the institution or jurisdiction; the subject is recorded as the actor. Tokens follow "
                                        + "RFC8725 (JWT best current practices): signed, with exp, living at most 12 hours."))
                        .addSecuritySchemes(ADMIN_BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A JWT, as bearerAuth, whose role claim is ADMIN: only administrators reach "
                                        + "the /api/v1/admin operations (RFC8725 applies as for bearerAuth)."))
                        .addSecuritySchemes(PLATFORM_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Signature")
                                .description("HMAC-SHA256 of the e-license platform over X-Timestamp, X-Nonce and the "
                                        + "body, keyed by the platform's shared secret (docs/e-license.md).")));
    }

    private static Server server() {
        Server server = new Server().url("/")
                .description("This instance, production or local: the document describes the server it is read from");
        server.addExtension("x-internal", false);
        return server;
    }

    /** Protected operations are those whose handler takes a {@link Caller}: it exists only with a valid token. */
    @Bean
    GlobalOperationCustomizer bearerForCallers() {
        return (operation, handler) -> {
            boolean takesCaller = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> Caller.class.equals(p.getParameterType()));
            if (takesCaller) {
                operation.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER))));
            }
            return operation;
        };
    }

    @Bean
    GlobalOpenApiCustomizer contractCustomizer() {
        OperationCatalogue catalogue = OperationCatalogue.load();
        return openApi -> new Contract(openApi, catalogue).apply();
    }

    /**
     * The documents: the whole contract, {@code /v3/api-docs/careledger} (docs/openapi/careledger.yaml),
     * with every operation; then one per audience of the catalogue, {@code /v3/api-docs/<audience>}
     * (docs/openapi/<audience>.yaml), with the operations the catalogue gives that audience
     * (openapi/operations.yaml: tag-audiences, or an operation's own audiences). springdoc takes the
     * groups as one list bean as well as single beans.
     */
    @Bean
    List<GroupedOpenApi> documents() {
        OperationCatalogue catalogue = OperationCatalogue.load();
        List<GroupedOpenApi> documents = new ArrayList<>();
        documents.add(GroupedOpenApi.builder().group(WHOLE).pathsToMatch("/api/**").build());
        catalogue.audiences().forEach((name, description) -> documents.add(GroupedOpenApi.builder().group(name)
                .displayName(name + ": " + description).pathsToMatch("/api/**")
                .addOpenApiCustomizer(api -> Contract.keepAudience(api, catalogue, name, description))
                .build()));
        return documents;
    }

    /** One pass over the generated document. */
    static final class Contract {

        private final OpenAPI api;
        private final OperationCatalogue catalogue;

        Contract(OpenAPI api, OperationCatalogue catalogue) {
            this.api = api;
            this.catalogue = catalogue;
        }

        /** Drops what the audience does not use: other audiences' operations, their tags and schemas. */
        static void keepAudience(OpenAPI api, OperationCatalogue catalogue, String audience, String description) {
            ownParts(api);
            Info info = api.getInfo();
            api.setInfo(new Info().title("CareLedger API: " + audience).version(info.getVersion())
                    .contact(info.getContact()).description(description + "\n\n" + info.getDescription()));
            Set<String> tags = new java.util.TreeSet<>();
            api.getPaths().entrySet().removeIf(path -> {
                PathItem item = path.getValue();
                item.readOperationsMap().forEach((method, operation) -> {
                    OperationCatalogue.Entry entry = catalogue.operations().get(method.name() + " " + path.getKey());
                    if (entry == null || !entry.audiences().contains(audience)) {
                        item.operation(method, null);
                    } else {
                        tags.add(entry.tag());
                    }
                });
                return item.readOperations().isEmpty();
            });
            if (api.getTags() != null) {
                api.setTags(new ArrayList<>(api.getTags().stream().filter(t -> tags.contains(t.getName())).toList()));
            }
            new Contract(api, catalogue).removeUnusedSchemas();
            Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
            if (schemes != null) {
                String used = io.swagger.v3.core.util.Json.pretty(api.getPaths());
                schemes.keySet().removeIf(name -> !used.contains("\"" + name + "\""));
            }
        }

        /**
         * The document's own components: springdoc may start every group's document from the same
         * OpenAPI bean, so the maps this pass adds to and removes from are copied first.
         */
        private static void ownParts(OpenAPI api) {
            Components shared = api.getComponents() == null ? new Components() : api.getComponents();
            Components own = new Components();
            own.setSchemas(shared.getSchemas() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(shared.getSchemas()));
            own.setSecuritySchemes(shared.getSecuritySchemes() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(shared.getSecuritySchemes()));
            own.setResponses(shared.getResponses());
            own.setParameters(shared.getParameters());
            own.setExamples(shared.getExamples());
            own.setRequestBodies(shared.getRequestBodies());
            own.setHeaders(shared.getHeaders());
            api.setComponents(own);
        }

        void apply() {
            ownParts(api);
            Components components = api.getComponents();
            components.addSchemas(PROBLEM, problemSchema());
            components.addSchemas("FieldError", fieldErrorSchema());
            components.addSchemas("EvidenceBundle", evidenceBundleSchema());
            components.addSchemas("LicenceNotification", licenceNotificationSchema());
            components.addSchemas("RequiredReasonBody", new ObjectSchema()
                    .description("A command's reason, which this command requires")
                    .addProperty("reason", new StringSchema()));
            resolve(PublicEntry.class, "PublicInstitution");
            components.addSchemas("PublicInstitutionPage", new ObjectSchema()
                    .addProperty("items", new ArraySchema().items(ref("PublicInstitution")))
                    .addProperty("page", new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ZERO))
                    .addProperty("size", new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ONE))
                    .addProperty("total", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO))
                    .required(List.of("items", "page", "size", "total")));
            Set<String> used = new java.util.TreeSet<>();
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                OperationCatalogue.Entry entry = catalogue.operations().get(method.name() + " " + path);
                if (entry != null) {
                    used.add(entry.tag());
                }
            }));
            api.setTags(catalogue.tags().entrySet().stream().filter(t -> used.contains(t.getKey()))
                    .map(t -> new Tag().name(t.getKey()).description(t.getValue()))
                    .sorted(java.util.Comparator.comparing(Tag::getName)).toList());
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> operation(method, path, operation)));
            ResponseSchemas.apply(components.getSchemas());
            RequestRules.applyToBodies(components.getSchemas());
            removeUnusedSchemas();
            IntegerBounds.apply(api);
        }

        private void operation(PathItem.HttpMethod method, String path, Operation operation) {
            String key = method.name() + " " + path;
            OperationCatalogue.Entry entry = catalogue.operations().get(key);
            if (entry == null) {
                // ApiContractTest fails on it; the running application still serves its document
                log.warn("openapi/operations.yaml has no entry for {}: the operation is published without its words", key);
                entry = new OperationCatalogue.Entry(operation.getOperationId(), operation.getTags() == null
                        ? "admin" : operation.getTags().get(0), null, null, null, List.of(), List.of());
            }
            operation.setOperationId(entry.id());
            operation.setTags(List.of(entry.tag()));
            operation.setSummary(entry.summary());
            operation.setDescription(entry.description());

            boolean bearer = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
            if (NOTIFICATIONS.equals(path)) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(PLATFORM_SIGNATURE)));
                notificationRequest(operation);
            } else if (bearer && path.startsWith(ADMIN_PATHS)) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(ADMIN_BEARER)));
            } else if (!bearer) {
                operation.setSecurity(List.of()); // public: explicitly no security
            }
            if (bearer && method == PathItem.HttpMethod.POST) {
                operation.addParametersItem(idempotencyKey());
            }
            concreteMediaTypes(path, operation);
            if (REASON_REQUIRED.contains(path) && operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().get(JSON).setSchema(ref("RequiredReasonBody"));
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(RequestRules::applyToParameter);
            }
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().setRequired(true);
                if (entry.example() != null) {
                    MediaType body = operation.getRequestBody().getContent().get(JSON);
                    if (body != null) {
                        body.setExample(example(entry.example()));
                    }
                }
            }
            errorResponses(method, path, operation, bearer, entry.codes());
        }

        /** {@code *}/{@code *} becomes what the server really writes: JSON, or NDJSON for streams. */
        private void concreteMediaTypes(String path, Operation operation) {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                Content content = operation.getRequestBody().getContent();
                MediaType any = content.remove("*/*");
                if (any != null) {
                    content.addMediaType(JSON, any);
                }
            }
            for (ApiResponse response : operation.getResponses().values()) {
                Content content = response.getContent();
                if (content == null) {
                    continue;
                }
                if (OPEN_DATA.containsKey(path)) {
                    // open data is streamed as text: CSV and NDJSON (docs/api.md)
                    response.setContent(openData(OPEN_DATA.get(path)));
                    if (path.endsWith("/changes")) {
                        response.addHeaderObject("Next-Cursor", new Header().description("The cursor to resume from")
                                .schema(new StringSchema().pattern("^[0-9]{1,18}$")));
                    }
                    continue;
                }
                MediaType any = content.remove("*/*");
                if (any != null) {
                    content.addMediaType(JSON, any);
                }
                MediaType json = content.get(JSON);
                if (json != null && json.getSchema() != null) {
                    if (path.endsWith("/export")) {
                        json.setSchema(ref("EvidenceBundle"));
                    } else if (path.equals("/api/v1/public/institutions")) {
                        json.setSchema(ref("PublicInstitutionPage"));
                    } else if (path.equals("/api/v1/public/institutions/{filingNumber}")) {
                        json.setSchema(ref("PublicInstitution"));
                    }
                }
            }
        }

        /** The notification is read as bytes (its HMAC covers them): its JSON shape and signed headers are written here. */
        private static void notificationRequest(Operation operation) {
            operation.getRequestBody().getContent().get(JSON).setSchema(ref("LicenceNotification"));
            for (Parameter header : operation.getParameters()) {
                Schema<?> schema = header.getSchema();
                header.setRequired(true);
                switch (header.getName()) {
                    case "X-Platform-Id" -> schema.maxLength(100).setDescription("The platform's configured id");
                    case "X-Timestamp" -> schema.pattern("^[0-9]{1,12}$").maxLength(12)
                            .setDescription("Seconds since the epoch; must lie within the configured skew of now");
                    case "X-Nonce" -> schema.maxLength(128).setDescription("Never repeated within the skew window");
                    case "X-Signature" -> schema.pattern("^[0-9a-fA-F]{64}$").maxLength(64)
                            .setDescription("Hex HMAC-SHA256 of timestamp, nonce and body joined by newlines");
                    default -> { }
                }
            }
        }

        @SuppressWarnings("rawtypes")
        private static Schema licenceNotificationSchema() {
            return new ObjectSchema()
                    .description("A licence change pushed by an e-license platform (docs/e-license.md)")
                    .addProperty("notificationId", new StringSchema().description("The platform's id of the notification; a repeat is answered duplicate"))
                    .addProperty("creditCode", new StringSchema().description("The business licence's credit code"))
                    .addProperty("change", new StringSchema())
                    .addProperty("effectiveAt", new StringSchema())
                    .addProperty("detail", new StringSchema());
        }

        /** The streamed open-data answers: media type and what each line is. */
        private static final Map<String, Map<String, String>> OPEN_DATA = Map.of(
                "/api/v1/public/institutions/export", Map.of(
                        "text/csv", "RFC 4180 CSV in UTF-8: a header line, then one record per entry (columns in docs/api.md)",
                        "application/x-ndjson", "One PublicInstitution per line"),
                "/api/v1/public/changes", Map.of(
                        "application/x-ndjson", "One change per line: cursor, change (PUBLISHED or WITHDRAWN), filingNumber, "
                                + "publishedAt, status, statusChangedAt, visibleUntil and the entry as published"));

        private static Content openData(Map<String, String> types) {
            Content content = new Content();
            new java.util.TreeMap<>(types).forEach((type, description) ->
                    content.addMediaType(type, new MediaType().schema(lineSchema(type, description))));
            return content;
        }

        /**
         * What one answer (CSV) or one line (NDJSON) of an open-data answer is: the CSV is text; an
         * export line is a public entry; a change line is an object that carries the entry.
         */
        @SuppressWarnings("rawtypes")
        private static Schema lineSchema(String type, String description) {
            if (!type.equals("application/x-ndjson")) {
                return new StringSchema().description(description);
            }
            if (description.startsWith("One PublicInstitution")) {
                return ref("PublicInstitution").description(description);
            }
            return new ObjectSchema().description(description)
                    .addProperty("cursor", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO))
                    .addProperty("change", new StringSchema()._enum(List.of("PUBLISHED", "WITHDRAWN")))
                    .addProperty("filingNumber", new StringSchema())
                    .addProperty("publishedAt", new StringSchema().format("date-time"))
                    .addProperty("status", new StringSchema())
                    .addProperty("statusChangedAt", new StringSchema().format("date-time"))
                    .addProperty("visibleUntil", new StringSchema().format("date-time"))
                    .addProperty("entry", ref("PublicInstitution"))
                    .required(List.of("cursor", "change", "filingNumber", "publishedAt"));
        }

        private void errorResponses(PathItem.HttpMethod method, String path, Operation operation, boolean bearer,
                                    List<ErrorCode> domainCodes) {
            Map<Integer, Set<ErrorCode>> byStatus = new TreeMap<>();
            boolean hasBody = operation.getRequestBody() != null;
            List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
            boolean pathParams = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
            boolean queryParams = parameters.stream().anyMatch(p -> "query".equals(p.getIn()));
            boolean minPosition = parameters.stream().anyMatch(p -> "minPosition".equals(p.getName()));
            boolean command = method == PathItem.HttpMethod.POST;

            add(byStatus, ErrorCode.INTERNAL_ERROR);
            add(byStatus, ErrorCode.RATE_LIMITED);
            if (hasBody) {
                add(byStatus, ErrorCode.MALFORMED_REQUEST, ErrorCode.INVALID_INPUT, ErrorCode.PAYLOAD_TOO_LARGE,
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE);
            }
            if (pathParams) {
                add(byStatus, ErrorCode.INVALID_IDENTIFIER, ErrorCode.NOT_FOUND);
            }
            if (queryParams) {
                add(byStatus, ErrorCode.INVALID_QUERY);
            }
            if (minPosition) {
                add(byStatus, ErrorCode.PROJECTION_NOT_CAUGHT_UP);
            }
            if (bearer) {
                add(byStatus, ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN_ROLE, ErrorCode.NOT_IN_JURISDICTION);
            }
            if (command) {
                add(byStatus, ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.SERVICE_OVERLOADED);
                if (bearer) {
                    add(byStatus, ErrorCode.IDEMPOTENCY_KEY_REUSED, ErrorCode.INVALID_INPUT);
                }
            }
            domainCodes.forEach(code -> add(byStatus, code));
            ApiResponses responses = operation.getResponses();
            byStatus.forEach((status, codes) -> responses.addApiResponse(String.valueOf(status),
                    problemResponse(status, codes)));
        }

        private static void add(Map<Integer, Set<ErrorCode>> byStatus, ErrorCode... codes) {
            for (ErrorCode code : codes) {
                byStatus.computeIfAbsent(code.httpStatus(), s -> EnumSet.noneOf(ErrorCode.class)).add(code);
            }
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static ApiResponse problemResponse(int status, Set<ErrorCode> codes) {
            List<String> names = codes.stream().map(Enum::name).toList();
            Schema narrowed = new ObjectSchema().addProperty("code", new StringSchema()._enum(names));
            Schema schema = new ComposedSchema().allOf(List.of(ref(PROBLEM), narrowed));
            ApiResponse response = new ApiResponse()
                    .description(reason(status) + ": " + String.join(", ", names))
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
            if (status == 503 || status == 429) {
                response.addHeaderObject("Retry-After", new Header()
                        .description("Seconds to wait before retrying").schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)));
            }
            return response;
        }

        private static String reason(int status) {
            return switch (status) {
                case 400 -> "Bad request";
                case 401 -> "Unauthenticated";
                case 403 -> "Forbidden";
                case 404 -> "Not found";
                case 409 -> "Conflict";
                case 410 -> "Gone";
                case 413 -> "Payload too large";
                case 415 -> "Unsupported media type";
                case 422 -> "Unprocessable content";
                case 429 -> "Too many requests";
                case 500 -> "Internal error";
                case 503 -> "Service unavailable";
                default -> "Refused";
            };
        }

        private static Parameter idempotencyKey() {
            return new HeaderParameter().name("Idempotency-Key").required(false)
                    .description("Makes the command safe to retry: the first request with a key runs, a repeat with "
                            + "the same request gets the stored answer and writes nothing (ADR 0008).")
                    .schema(new StringSchema().minLength(1).maxLength(200));
        }

        @SuppressWarnings("rawtypes")
        private static Schema problemSchema() {
            List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
            return new ObjectSchema()
                    .description("RFC 9457 problem details with CareLedger's stable code")
                    .addProperty("type", new StringSchema().format("uri-reference").maxLength(200)
                            .example("urn:careledger:problem:invalid-input"))
                    .addProperty("title", new StringSchema().maxLength(200))
                    .addProperty("status", new IntegerSchema().format("int32")
                            .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)))
                    .addProperty("detail", new StringSchema().maxLength(2000))
                    .addProperty("instance", new StringSchema().maxLength(2000))
                    .addProperty("code", new StringSchema()._enum(codes))
                    .addProperty("errors", new ArraySchema().items(ref("FieldError")).maxItems(1000))
                    .required(List.of("type", "title", "status", "code"));
        }

        @SuppressWarnings("rawtypes")
        private static Schema fieldErrorSchema() {
            return new ObjectSchema()
                    .addProperty("field", new StringSchema().maxLength(200))
                    .addProperty("code", new StringSchema().maxLength(100))
                    .addProperty("message", new StringSchema().maxLength(1000))
                    .required(List.of("field", "code", "message"));
        }

        /** The bundle is streamed piece by piece (EvidenceBundle in the query side), so its schema is written here. */
        @SuppressWarnings("rawtypes")
        private static Schema evidenceBundleSchema() {
            Schema hex = new StringSchema().pattern("^[0-9a-f]{64}$");
            Schema root = new ObjectSchema()
                    .addProperty("rootId", new IntegerSchema().format("int64"))
                    .addProperty("lastGlobalIndex", new IntegerSchema().format("int64"))
                    .addProperty("linkHash", hex)
                    .addProperty("createdAt", new StringSchema().format("date-time"))
                    .addProperty("rootHash", hex)
                    .required(List.of("rootId", "lastGlobalIndex", "linkHash", "createdAt", "rootHash"));
            Schema entry = new ObjectSchema()
                    .description("An event of the institution with its link, or the content hash of another event")
                    .addProperty("event", new ObjectSchema().description("The stored event: payload and metadata"))
                    .addProperty("link", new ObjectSchema().description("The event's link in the hash chain"));
            Schema chainItem = new ComposedSchema().oneOf(List.of(entry, hex));
            return new ObjectSchema()
                    .description("An evidence bundle (docs/ledger.md): verifiable offline against the published root")
                    .addProperty("format", new StringSchema()._enum(List.of("careledger-evidence-bundle/1")))
                    .addProperty("institutionId", new StringSchema().format("uuid"))
                    .addProperty("root", root)
                    .addProperty("previousLinkHash", hex)
                    .addProperty("chain", new ArraySchema().items(chainItem))
                    .required(List.of("format", "institutionId", "root", "previousLinkHash", "chain"));
        }

        /** The schemas of a type and of the types it holds, the type's own under {@code name}. */
        private void resolve(Class<?> type, String name) {
            ResolvedSchema resolved = ModelConverters.getInstance().readAllAsResolvedSchema(new AnnotatedType(type));
            resolved.referencedSchemas.forEach((key, schema) ->
                    api.getComponents().addSchemas(key.equals(type.getSimpleName()) ? name : key, schema));
        }

        /**
         * Schemas nothing refers to any more (those the generator made for the types the contract
         * replaced: RawValue, DataBuffer, their Mono and Page wrappers) are dropped.
         */
        @SuppressWarnings("rawtypes")
        private void removeUnusedSchemas() {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            if (schemas == null) {
                return;
            }
            boolean removed = true;
            while (removed) {
                String paths = io.swagger.v3.core.util.Json.pretty(api.getPaths());
                Map<String, String> bodies = new LinkedHashMap<>();
                schemas.forEach((name, schema) -> bodies.put(name, io.swagger.v3.core.util.Json.pretty(schema)));
                removed = schemas.keySet().removeIf(name -> {
                    String ref = "\"#/components/schemas/" + name + "\"";
                    return !paths.contains(ref) && bodies.entrySet().stream()
                            .noneMatch(other -> !other.getKey().equals(name) && other.getValue().contains(ref));
                });
            }
        }

        private static Object example(String file) {
            String resource = "openapi/examples/" + file;
            try (InputStream in = ApiContractConfiguration.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                return new ObjectMapper().readValue(in, LinkedHashMap.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @SuppressWarnings("rawtypes")
        private static Schema ref(String name) {
            return new Schema<>().$ref("#/components/schemas/" + name);
        }
    }
}
