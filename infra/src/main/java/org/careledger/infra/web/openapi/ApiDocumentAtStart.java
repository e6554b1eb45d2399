package org.careledger.infra.web.openapi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;

import org.springdoc.api.AbstractOpenApiResource;
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

    ApiDocumentAtStart(List<AbstractOpenApiResource> resources) {
        this.resources = resources;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        // getOpenApi(Locale) is springdoc's own build-or-return-cached entry point; it is protected
        Method build = AbstractOpenApiResource.class.getDeclaredMethod("getOpenApi", Locale.class);
        build.setAccessible(true);
        for (AbstractOpenApiResource resource : resources) {
            try {
                build.invoke(resource, Locale.getDefault());
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("The OpenAPI document could not be built", e.getCause());
            }
        }
    }
}
