package org.careledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every role × every endpoint × own versus other jurisdiction, with the endpoints read from the
 * application's route table at run time (every request-mapping handler mapping, actuator's
 * included, and any router function), so an endpoint added later is covered without touching
 * this test. Asserted:
 * <ul>
 *   <li>an anonymous caller gets 401 from every route outside the small public allow-list below;</li>
 *   <li>a caller of another jurisdiction (an operator of another institution, an inspector and an
 *   officer of another province) never gets 2xx from a route whose path names the institution,
 *   child or subsidy case of this jurisdiction, and where a route does answer them 2xx, the answer
 *   names none of those;</li>
 *   <li>no role but ADMIN gets 2xx from administrative and operational routes.</li>
 * </ul>
 * The public routes' answers (their path variables filled with this institution's filing and
 * certificate numbers) must not contain the registered child's personal data.
 * Requests carry {@code division=<own>} and, when they have a body, {@code {"institutionId": <own>}},
 * so division- and body-scoped routes are probed for the own jurisdiction too.
 */
class RouteTableAuthorizationTest extends IntegrationTest {

    /** Routes anyone may call (prefix match). Keep this list short and deliberate. */
    static final List<String> PUBLIC = List.of(
            "/api/v1/public/",
            "/institution/", "/certificate", // public pages (and "/", matched exactly below)
            "/api/v1/dev/tokens",
            "/api/v1/integration/e-license/notifications", // HMAC-signed by the platform instead
            "/simulator/e-license/v1/licences/verify",     // the platform stand-in the adapter calls
            "/v3/api-docs", "/swagger-ui", "/webjars/",
            "/actuator/health", "/actuator/info");

    /** Routes only administrators may use (prefix match). */
    static final List<String> ADMIN_ONLY = List.of("/api/v1/admin/", "/actuator/prometheus", "/actuator/metrics",
            "/simulator/");

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");
    private static final String OWN_DIVISION = "370811";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    WebTestClient client;
    private WebTestClient wholeAnswers;

    /** The same client, buffering whole answers up to 16 MB (a change feed or an export is larger than the default 256 KB). */
    private WebTestClient wholeAnswers() {
        if (wholeAnswers == null) {
            wholeAnswers = client.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        }
        return wholeAnswers;
    }
    @Autowired
    ApplicationContext context;

    record Route(HttpMethod method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            return (pattern + method).compareTo(o.pattern + o.method);
        }
    }

    record CallerToken(String name, String token, boolean own, boolean admin) {
    }

    private String institution;
    private String child;
    private String subsidyCase;
    private String filingNumber;
    private String certificateNumber;
    /** The child's personal data as registered: no public answer may contain any of it. */
    private List<String> personalData;

    @BeforeEach
    void ownJurisdiction() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        institution = UUID.randomUUID().toString();
        String op = tokens.operator(institution);
        String code17 = "52370811MJ" + String.format("%07d", (System.nanoTime() / 1000 + 7) % 10_000_000);
        // in the 太白湖 zone (rule F7), whose construction policy the subsidy case below needs
        filings.file(op, Filings.inZone(Filings.body(code17 + CreditCode.checkCharacterFor(code17), "路由表授权测试托育中心",
                OWN_DIVISION, 35.38, 116.58, List.of(Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15))),
                "370811-TBH"));
        long approved = filings.approve(tokens.inspector("3708"), institution).position();
        String first17 = OWN_DIVISION + TODAY.minusMonths(14).withDayOfMonth(11).toString().replace("-", "") + "777";
        String citizenId = first17 + CitizenId.checkCharacterFor(first17);
        personalData = List.of("路小由", "路大由", citizenId, "131-0000-0001");
        child = (String) post(op, "/api/v1/institutions/" + institution + "/children", Map.of("name", "路小由",
                "citizenId", citizenId,
                "birthDate", TODAY.minusMonths(14).withDayOfMonth(11).toString(),
                "guardianName", "路大由", "guardianPhone", "131-0000-0001")).get("id");
        Map<?, ?> listed = client.get().uri("/api/v1/public/institutions?q=路由表授权测试&minPosition=" + approved)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) listed.get("items")).get(0);
        filingNumber = (String) entry.get("filingNumber");
        certificateNumber = (String) entry.get("certificateNumber");
        subsidyCase = (String) post(op, "/api/v1/subsidies", Map.of("institutionId", institution, "kind", "CONSTRUCTION",
                "periodFrom", TODAY.withDayOfYear(1).toString(), "periodTo", TODAY.toString())).get("id");
    }

    private Map<?, ?> post(String token, String path, Object body) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The route table: every handler method's patterns and methods, and every router-function route. */
    Set<Route> routes() {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    if (methods.isEmpty()) {
                        routes.add(new Route(HttpMethod.GET, pattern.getPatternString()));
                    }
                    methods.forEach(m -> routes.add(new Route(HttpMethod.valueOf(m.name()), pattern.getPatternString())));
                }
            });
        }
        List<String> functional = new ArrayList<>();
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            RouterFunction<?> function = mapping.getRouterFunction();
            if (function != null) {
                function.accept(new RouterFunctions.Visitor() {
                    @Override
                    public void startNested(RequestPredicate predicate) {
                    }

                    @Override
                    public void endNested(RequestPredicate predicate) {
                    }

                    @Override
                    public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
                        functional.add(predicate.toString());
                    }

                    @Override
                    public void resources(java.util.function.Function<org.springframework.web.reactive.function.server.ServerRequest,
                            reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
                        functional.add("resources " + lookupFunction);
                    }

                    @Override
                    public void attributes(Map<String, Object> attributes) {
                    }

                    @Override
                    public void unknown(RouterFunction<?> routerFunction) {
                        functional.add("unknown " + routerFunction);
                    }
                });
            }
        }
        // functional routes would need their own probes; none exist today, so a new one must be added here
        assertThat(functional).as("router-function routes (add them to this test)").isEmpty();
        return routes;
    }

    private String uri(Route route, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(route.pattern());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), UUID.randomUUID().toString())));
        }
        m.appendTail(sb);
        return sb + "?division=" + OWN_DIVISION;
    }

    private Map<String, String> ownValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", institution);
        values.put("institutionId", institution);
        values.put("childRef", child);
        values.put("caseId", subsidyCase);
        values.put("filingNumber", filingNumber);
        values.put("number", certificateNumber);
        return values;
    }

    private boolean namesOwnResource(Route route) {
        Matcher m = VARIABLE.matcher(route.pattern());
        while (m.find()) {
            if (Set.of("id", "institutionId", "childRef", "caseId").contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    private EntityExchangeResult<String> call(Route route, String token) {
        WebTestClient.RequestBodySpec spec = wholeAnswers().method(route.method()).uri(uri(route, ownValues()));
        if (token != null) {
            spec.headers(h -> h.setBearerAuth(token));
        }
        WebTestClient.RequestHeadersSpec<?> request = route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT
                || route.method() == HttpMethod.PATCH
                ? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("institutionId", institution))
                : spec;
        return request.exchange().expectBody(String.class).returnResult();
    }

    private static boolean startsWithAny(String pattern, List<String> prefixes) {
        // the actuator's index lists the operational endpoints: administrators only as well
        return prefixes.stream().anyMatch(pattern::startsWith) || prefixes == ADMIN_ONLY && pattern.equals("/actuator");
    }

    @Test
    void everyRoleOnEveryRouteInItsOwnAndAnotherJurisdiction() {
        Set<Route> routes = routes();
        assertThat(routes).as("the route table is read").hasSizeGreaterThan(40)
                .contains(new Route(HttpMethod.GET, "/api/v1/supervision/institutions/{id}/care"));
        Tokens tokens = new Tokens(client);
        List<CallerToken> others = List.of(
                new CallerToken("operator of another institution", tokens.operator(UUID.randomUUID().toString()), false, false),
                new CallerToken("inspector of 1404", tokens.inspector("1404"), false, false),
                new CallerToken("officer of 1404", tokens.officer("1404"), false, false));
        List<CallerToken> own = List.of(
                new CallerToken("operator", tokens.operator(institution), true, false),
                new CallerToken("inspector of 3708", tokens.inspector("3708"), true, false),
                new CallerToken("officer of 3708", tokens.officer("3708"), true, false),
                new CallerToken("admin", tokens.admin(), true, true));
        List<String> failures = new ArrayList<>();
        StringBuilder matrix = new StringBuilder();
        int ownSuccesses = 0;
        for (Route route : routes) {
            String pattern = route.pattern();
            boolean open = startsWithAny(pattern, PUBLIC) || pattern.equals("/");
            matrix.append(String.format("%-7s %-70s", route.method(), pattern));
            // 1. anonymous
            EntityExchangeResult<String> anonymousResult = call(route, null);
            int anonymous = anonymousResult.getStatus().value();
            matrix.append(" anon=").append(anonymous);
            if (!open && anonymous != 401) {
                failures.add(route + ": anonymous caller got " + anonymous);
            }
            String anonymousBody = anonymousResult.getResponseBody() == null ? "" : anonymousResult.getResponseBody();
            personalData.stream().filter(anonymousBody::contains)
                    .forEach(p -> failures.add(route + ": a public answer contains a child's personal data"));
            if (open) {
                matrix.append('\n');
                continue;
            }
            // 2. other jurisdictions (all methods: a 2xx here is a breach whatever it changed)
            for (CallerToken caller : others) {
                EntityExchangeResult<String> r = call(route, caller.token());
                int status = r.getStatus().value();
                matrix.append(' ').append(caller.name().split(" ")[0]).append("-other=").append(status);
                if (r.getStatus().is2xxSuccessful()) {
                    String body = r.getResponseBody() == null ? "" : r.getResponseBody();
                    if (namesOwnResource(route)) {
                        failures.add(route + ": " + caller.name() + " got " + status + " on another jurisdiction's resource");
                    } else if (body.contains(institution) || body.contains(child) || body.contains(subsidyCase)) {
                        failures.add(route + ": " + caller.name() + " got another jurisdiction's data: " + body);
                    }
                    if (startsWithAny(pattern, ADMIN_ONLY)) {
                        failures.add(route + ": " + caller.name() + " got " + status + " on an administrators' route");
                    }
                }
            }
            // 3. own jurisdiction: reads only (the fixture must stay as it is); roles decide
            if (route.method() == HttpMethod.GET) {
                for (CallerToken caller : own) {
                    int status = call(route, caller.token()).getStatus().value();
                    matrix.append(' ').append(caller.name().split(" ")[0]).append("=").append(status);
                    if (status / 100 == 2) {
                        ownSuccesses++;
                        if (!caller.admin() && startsWithAny(pattern, ADMIN_ONLY)) {
                            failures.add(route + ": " + caller.name() + " got " + status + " on an administrators' route");
                        }
                    }
                }
            }
            matrix.append('\n');
        }
        System.out.println("Route table × callers (status codes):\n" + matrix);
        assertThat(failures).as("authorization failures; the matrix:\n" + matrix).isEmpty();
        // the control: the fixture's ids are right, so the refusals above are refusals of real resources
        assertThat(ownSuccesses).as("own-jurisdiction reads that succeed").isGreaterThan(10);
        client.get().uri("/api/v1/supervision/institutions/" + institution + "/care")
                .headers(h -> h.setBearerAuth(own.get(1).token())).exchange().expectStatus().isOk();
        client.get().uri("/api/v1/supervision/institutions/" + institution + "/care")
                .headers(h -> h.setBearerAuth(others.get(1).token())).exchange().expectStatus().isForbidden();
    }
}
