package org.careledger.query.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.RawValue;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.value.Divisions;
import org.careledger.query.api.Page;
import org.careledger.query.certificate.CertificateAnswer;
import org.careledger.query.certificate.CertificateVerification;
import org.careledger.query.whitelist.PublicEntry;
import org.careledger.query.whitelist.PublicRegisterQueries;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The public pages (信息公开), server-rendered in Chinese: the white-list search ({@code /}), an
 * institution ({@code /institution/{filingNumber}}) and the certificate check
 * ({@code /certificate}). They answer from the same queries as the public API
 * ({@link PublicRegisterQueries} for the search and the detail, {@link CertificateVerification}
 * for the certificate), so a page and the API cannot disagree; they show only what
 * the public API shows, which holds nothing about children. Every page works without JavaScript;
 * {@code /assets/pages.js} only adds "use my location". Templates are rendered off the event loop
 * (the first render reads the template from the class path).
 */
@RestController
@org.careledger.kernel.stereotype.WebAdapter
public class PublicPagesController {

    /** Paths of the pages (the security configuration and the rate limit list them too). */
    public static final String SEARCH = "/";
    public static final String INSTITUTION = "/institution/";
    public static final String CERTIFICATE = "/certificate";
    static final int PAGE_SIZE = 10;
    /** No inline script or style, nothing from another origin; forms post only here. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final PublicRegisterQueries register;
    private final CertificateVerification certificates;
    private final ITemplateEngine templates;
    private final ObjectReader entryReader;

    public PublicPagesController(PublicRegisterQueries register, CertificateVerification certificates,
                                 ITemplateEngine templates, ObjectMapper json) {
        this.register = register;
        this.certificates = certificates;
        this.templates = templates;
        this.entryReader = json.readerFor(PublicEntry.class);
    }

    /** Whether a request path is one of the pages (not their static files). */
    public static boolean isPage(String path) {
        return path.equals(SEARCH) || path.startsWith(INSTITUTION) || path.equals(CERTIFICATE);
    }

    /** A district in the picker: its code and its name with its city's ("济宁市 任城区"). */
    public record DistrictOption(String code, String name) {
    }

    /** The districts of one city, for an {@code <optgroup>}. */
    public record CityGroup(String name, List<DistrictOption> districts) {
    }

    /** A link to another page of results. */
    public record PageLink(int page, String href, boolean current) {
    }

    @GetMapping(value = SEARCH, produces = MediaType.TEXT_HTML_VALUE)
    public Mono<ResponseEntity<String>> search(SearchForm form) {
        Context context = context("查询托育机构 · 托育机构白名单");
        context.setVariable("form", form);
        context.setVariable("labels", Labels.INSTANCE);
        List<String> problems = new ArrayList<>();
        Double radius = form.parseRadius(problems);
        Integer pageNumber = form.parsePage(problems);
        Mono<Optional<Page<PublicEntry>>> results = problems.isEmpty()
                ? register.search(new PublicRegisterQueries.Search(form.division(), form.type(), form.puhuiFilter(),
                        form.classType(), form.serviceType(), form.q(), form.near(), radius,
                        form.vacancyFilter(), pageNumber, PAGE_SIZE), null, null)
                .map(dated -> Optional.of(parse(dated.answer())))
                .onErrorResume(DomainException.class, e -> {
                    problems.addAll(Labels.problemsOf(e));
                    return Mono.just(Optional.empty());
                })
                : Mono.just(Optional.empty());
        return register.divisions().zipWith(results).flatMap(t -> {
            context.setVariable("cities", cities(t.getT1()));
            context.setVariable("problems", problems);
            t.getT2().ifPresent(p -> {
                context.setVariable("results", p);
                context.setVariable("pages", pageLinks(form, p));
            });
            return render("public/search", context, problems.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        });
    }

    @GetMapping(value = INSTITUTION + "{filingNumber}", produces = MediaType.TEXT_HTML_VALUE)
    public Mono<ResponseEntity<String>> institution(@PathVariable String filingNumber) {
        return register.byFilingNumber(filingNumber, null, null).map(dated -> parse(dated.answer()))
                .flatMap(entry -> certificateOf(entry).map(certificate -> {
                    Context context = context(entry.name() + " · 托育机构白名单");
                    context.setVariable("i", entry);
                    context.setVariable("labels", Labels.INSTANCE);
                    context.setVariable("districtName", districtName(entry.division()));
                    context.setVariable("certificate", certificate.orElse(null));
                    return context;
                }))
                .flatMap(context -> render("public/institution", context, HttpStatus.OK))
                .onErrorResume(DomainException.class, e -> notFound(filingNumber));
    }

    @GetMapping(value = CERTIFICATE, produces = MediaType.TEXT_HTML_VALUE)
    public Mono<ResponseEntity<String>> certificate(@RequestParam(required = false) String number) {
        Context context = context("核验备案回执 · 托育机构白名单");
        context.setVariable("labels", Labels.INSTANCE);
        String trimmed = number == null ? null : number.strip().toUpperCase(Locale.ROOT);
        context.setVariable("number", trimmed);
        if (trimmed == null || trimmed.isEmpty()) {
            return render("public/certificate", context, HttpStatus.OK);
        }
        return certificates.verify(trimmed, null)
                .map(answer -> {
                    context.setVariable("answer", answer);
                    return HttpStatus.OK;
                })
                .onErrorResume(DomainException.class, e -> {
                    boolean missing = e.code() == ErrorCode.NOT_FOUND;
                    context.setVariable("problem", missing ? "没有这个编号的备案回执。请核对编号，或向当地卫生健康部门咨询。"
                            : "这不是有效的备案回执编号（TYBA 开头，含校验字符）。请核对后重新输入。");
                    return Mono.just(missing ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST);
                })
                .flatMap(status -> render("public/certificate", context, status));
    }

    private Mono<Optional<CertificateAnswer>> certificateOf(PublicEntry entry) {
        if (entry.certificateNumber() == null) {
            return Mono.just(Optional.empty());
        }
        return certificates.verify(entry.certificateNumber(), null).map(Optional::of)
                .onErrorResume(DomainException.class, e -> Mono.just(Optional.empty()));
    }

    private Mono<ResponseEntity<String>> notFound(String filingNumber) {
        Context context = context("未找到 · 托育机构白名单");
        context.setVariable("filingNumber", filingNumber);
        return render("public/not-found", context, HttpStatus.NOT_FOUND);
    }

    private static Context context(String title) {
        Context context = new Context(Locale.SIMPLIFIED_CHINESE);
        context.setVariable("title", title);
        return context;
    }

    private Mono<ResponseEntity<String>> render(String template, Context context, HttpStatus status) {
        return Mono.fromCallable(() -> templates.process(template, context))
                .subscribeOn(Schedulers.boundedElastic())
                .map(html -> ResponseEntity.status(status)
                        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                        .header("Content-Security-Policy", CSP)
                        .header("Referrer-Policy", "no-referrer")
                        .header("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .body(html));
    }

    private Page<PublicEntry> parse(Page<RawValue> page) {
        return new Page<>(page.items().stream().map(this::parse).toList(), page.page(), page.size(), page.total());
    }

    private PublicEntry parse(RawValue raw) {
        try {
            return entryReader.readValue((String) raw.rawValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a public white-list entry", e);
        }
    }

    /** The districts held, grouped by city, each named from the shipped GB/T 2260 list. */
    static List<CityGroup> cities(SortedSet<String> codes) {
        Map<String, List<DistrictOption>> byCity = new LinkedHashMap<>();
        for (String code : codes) {
            String city = cityName(code);
            byCity.computeIfAbsent(city, c -> new ArrayList<>()).add(new DistrictOption(code, districtName(code)));
        }
        List<CityGroup> groups = new ArrayList<>();
        byCity.forEach((city, districts) -> groups.add(new CityGroup(city, districts)));
        return groups;
    }

    private static String cityName(String code) {
        Divisions d = Divisions.official();
        return d.name(code.substring(0, 4) + "00").or(() -> d.name(code.substring(0, 2) + "0000")).orElse(code.substring(0, 4));
    }

    /** "济宁市 任城区" for 370811; the code itself when the shipped list lacks it. */
    static String districtName(String code) {
        Divisions d = Divisions.official();
        Optional<String> own = d.name(code);
        if (own.isEmpty()) {
            return code;
        }
        Optional<String> city = d.name(code.substring(0, 4) + "00").filter(c -> !code.endsWith("00"));
        return city.map(c -> c + " " + own.get()).orElse(own.get());
    }

    private static List<PageLink> pageLinks(SearchForm form, Page<PublicEntry> page) {
        int pages = (int) Math.min(Integer.MAX_VALUE, (page.total() + page.size() - 1) / page.size());
        List<PageLink> links = new ArrayList<>();
        int from = Math.max(0, page.page() - 3);
        int to = Math.min(pages - 1, page.page() + 3);
        for (int p = from; p <= to; p++) {
            links.add(new PageLink(p, form.href(p), p == page.page()));
        }
        return links;
    }
}
