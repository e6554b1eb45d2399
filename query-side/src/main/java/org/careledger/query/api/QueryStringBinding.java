package org.careledger.query.api;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.reactive.result.method.annotation.ExtendedWebExchangeDataBinder;

/**
 * The query side's parameter records ({@code SupervisionFilter}, the search page's form, ...) bind
 * from the query string by name, as the {@code @RequestParam}s they replace did, and not from
 * request headers, which Spring (6.2) would otherwise bind by name too: a "Page" or "size" header is
 * not the query's page or size.
 */
@ControllerAdvice(basePackages = "org.careledger.query")
public class QueryStringBinding {

    @InitBinder
    void bindTheQueryStringOnly(WebDataBinder binder) {
        if (binder instanceof ExtendedWebExchangeDataBinder exchangeBinder) {
            exchangeBinder.setHeaderPredicate(header -> false);
        }
    }
}
