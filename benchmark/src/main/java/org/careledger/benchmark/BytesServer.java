package org.careledger.benchmark;

import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The search reference: a Reactor Netty server (the HTTP stack under Spring WebFlux in the
 * application) in the benchmark process that answers each captured request URI with the bytes
 * the application answered, from memory.
 */
final class BytesServer implements AutoCloseable {

    private final DisposableServer server;

    BytesServer(Map<String, byte[]> answers) {
        this.server = HttpServer.create()
                .host("localhost")
                .port(0)
                .handle((request, response) -> {
                    byte[] body = answers.get(request.uri());
                    if (body == null) {
                        return response.status(HttpResponseStatus.NOT_FOUND).send();
                    }
                    return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                            .sendByteArray(Mono.just(body)).then();
                })
                .bindNow();
    }

    String baseUrl() {
        return "http://localhost:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
