package org.careledger.infra.web;

import java.util.List;

import org.careledger.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.netty.NettyPipeline;

/**
 * Problem responses for the refusals that happen before a controller is found (ADR 0020): the
 * {@link RequestLineGuard} in Netty's pipeline, and Spring Security's firewall (encoded slashes,
 * semicolons, non-printable characters in headers …), whose default answer is a bare 400.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeProblemsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EdgeProblemsConfiguration.class);

    @Bean
    NettyServerCustomizer requestLineGuard() {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get("careledger.requestLineGuard") == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "careledger.requestLineGuard", new RequestLineGuard());
            }
        });
    }

    @Bean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemWebExceptionHandler writer) {
        return (exchange, rejected) -> {
            log.info("Refused by the request firewall: {}", rejected.getMessage());
            return writer.write(exchange.getResponse(), ProblemMapper.problem(ErrorCode.MALFORMED_REQUEST,
                    "The request was refused: its URL or headers contain characters that are not allowed", List.of(),
                    exchange.getRequest().getPath().value()));
        };
    }
}
