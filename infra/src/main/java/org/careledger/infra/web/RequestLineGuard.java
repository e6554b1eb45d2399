package org.careledger.infra.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.careledger.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, with an RFC 9457 problem body, the requests that would otherwise be refused below the
 * application with an empty body (ADR 0020): a request line or headers too long for the HTTP
 * decoder (414 {@code URI_TOO_LONG}, 431 {@code HEADERS_TOO_LARGE}), a URI longer than
 * {@link #MAX_URI} characters (414), a URI that is not a URI (bad percent-encoding, spaces: 400
 * {@code MALFORMED_REQUEST}), and a path with control characters once decoded ({@code %00}: 400).
 * It sits right after Netty's HTTP codec; a refused request is answered and its connection closed.
 */
final class RequestLineGuard extends ChannelInboundHandlerAdapter {

    /**
     * Longest request URI (path and query) the application accepts; Netty's request-line limit
     * (4 KB by default, {@code server.netty.max-initial-line-length}) refuses longer lines first.
     */
    static final int MAX_URI = 8192;

    private static final Logger log = LoggerFactory.getLogger(RequestLineGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** True from a refused request until the connection closes: its body is dropped. */
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            ErrorCode code = check(request);
            if (code != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                refuse(ctx, code, request);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static ErrorCode check(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return ErrorCode.URI_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return ErrorCode.HEADERS_TOO_LARGE;
            }
            return ErrorCode.MALFORMED_REQUEST;
        }
        String uri = request.uri();
        if (uri.length() > MAX_URI) {
            return ErrorCode.URI_TOO_LONG;
        }
        try {
            URI parsed = new URI(uri);
            String path = parsed.getPath();
            if (path != null && path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return ErrorCode.MALFORMED_REQUEST;
            }
        } catch (URISyntaxException e) {
            return ErrorCode.MALFORMED_REQUEST;
        }
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx, ErrorCode code, HttpRequest request) {
        String detail = switch (code) {
            case URI_TOO_LONG -> "The request URI is longer than " + MAX_URI + " characters";
            case HEADERS_TOO_LARGE -> "The request headers are too large";
            default -> "The request line is malformed (bad percent-encoding, control characters or not a URI)";
        };
        log.info("Refused below the application with {}: {}", code, detail);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(ProblemMapper.problem(code, detail, List.of(), null).body());
        } catch (Exception e) {
            body = ("{\"code\":\"" + code.name() + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(code.httpStatus()), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // half-close, and keep reading (and dropping) what the client still sends before closing:
        // closing with unread input would reset the connection and lose the answer
        ctx.writeAndFlush(response).addListener(written -> {
            if (ctx.channel() instanceof io.netty.channel.socket.SocketChannel socket) {
                socket.shutdownOutput();
                ctx.executor().schedule(() -> {
                    ctx.close();
                }, 5, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                ctx.close();
            }
        });
    }
}
