package org.careledger.infra.web.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springdoc.api.AbstractOpenApiResource;
import org.springdoc.webflux.api.MultipleOpenApiResource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Builds the OpenAPI document before the application reports itself started (and ready).
 * springdoc builds it under a lock, synchronously inside its controller: a request that arrived
 * while its background pre-loading still ran waited on that lock on a Netty event-loop thread
 * (BlockHound caught it on a busy machine). Building it here, on the start-up thread, means the
 * first request finds it built.
 */
@Component
class ApiDocumentAtStart implements ApplicationRunner {

    private final List<AbstractOpenApiResource> resources;
    private final List<MultipleOpenApiResource> groups;

    ApiDocumentAtStart(List<AbstractOpenApiResource> resources, List<MultipleOpenApiResource> groups) {
        this.resources = resources;
        this.groups = groups;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        // getOpenApi(Locale) is springdoc's own build-or-return-cached entry point; it is protected
        Method build = AbstractOpenApiResource.class.getDeclaredMethod("getOpenApi", Locale.class);
        build.setAccessible(true);
        List<AbstractOpenApiResource> all = new java.util.ArrayList<>(resources);
        // the documents per group (the audiences) are built by one resource each, held by springdoc's
        // multiple-document resource once its bean is initialised; they are built here as well
        Field perGroup = MultipleOpenApiResource.class.getDeclaredField("groupedOpenApiResources");
        perGroup.setAccessible(true);
        for (MultipleOpenApiResource multiple : groups) {
            Map<?, ?> byGroup = (Map<?, ?>) perGroup.get(multiple);
            if (byGroup != null) {
                byGroup.values().forEach(resource -> all.add((AbstractOpenApiResource) resource));
            }
        }
        for (AbstractOpenApiResource resource : all) {
            try {
                build.invoke(resource, Locale.getDefault());
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("The OpenAPI document could not be built", e.getCause());
            }
        }
    }
}
