package dev.xsight.nmos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP/1.1 server (Netty) the Node API and the Connection API share: it turns each request into an
 * {@link ApiRequest}, hands it to the router and writes the {@link ApiAnswer} back as JSON, with the CORS headers
 * IS-04 and IS-05 ask of every response (a controller in a browser calls from another origin). {@code OPTIONS}
 * (the CORS pre-flight) is answered here; {@code HEAD} is a {@code GET} without the body.
 *
 * <p>Threading: one Netty event loop reads requests and calls the router there; the router must not block it (it
 * returns a future, which may complete on another thread; the answer is then written from that thread, which Netty
 * allows).
 */
public final class NmosHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NmosHttpServer.class.getName());
    /** Largest request body: an SDP (at most 64 KiB) inside a JSON PATCH, with room to spare. */
    static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group;
    private final Channel channel;

    private NmosHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Listens on {@code address:port} (port 0: a free one).
     *
     * @throws IOException when the port cannot be bound (the message names the address)
     */
    public static NmosHttpServer start(InetAddress address, int port,
            Function<ApiRequest, CompletableFuture<ApiAnswer>> router) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        InetSocketAddress at = new InetSocketAddress(address, port);
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                    new Handler(router));
                        }
                    }).bind(at).sync().channel();
            return new NmosHttpServer(group, ch);
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the NMOS HTTP server", e);
        } catch (Exception e) {
            // Netty rethrows the bind failure (a java.net.BindException) from sync() undeclared.
            group.shutdownGracefully();
            throw new IOException("cannot serve the NMOS APIs on " + at + ": " + e.getMessage(), e);
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static List<String> segments(String uri) {
        List<String> out = new ArrayList<>();
        for (String s : new QueryStringDecoder(uri).path().split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Function<ApiRequest, CompletableFuture<ApiAnswer>> router;

        Handler(Function<ApiRequest, CompletableFuture<ApiAnswer>> router) {
            this.router = router;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpMethod m = req.method();
            if (m.equals(HttpMethod.OPTIONS)) {
                write(ctx, keepAlive, false, new ApiAnswer(200, null, java.util.Map.of()));
                return;
            }
            boolean head = m.equals(HttpMethod.HEAD);
            ApiRequest r = new ApiRequest(head ? "GET" : m.name(), segments(req.uri()),
                    ByteBufUtil.getBytes(req.content()));
            CompletableFuture<ApiAnswer> answer;
            try {
                answer = router.apply(r);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((a, e) -> {
                if (e != null) {
                    LOG.log(System.Logger.Level.WARNING, "NMOS API request " + m + " " + req.uri() + " failed", e);
                    a = ApiAnswer.error(500, "internal error", String.valueOf(e));
                }
                write(ctx, keepAlive, head, a);
            });
        }

        private static void write(ChannelHandlerContext ctx, boolean keepAlive, boolean head, ApiAnswer a) {
            byte[] body;
            try {
                body = a.body() == null ? new byte[0] : JSON.writeValueAsBytes(a.body());
            } catch (IOException e) {
                body = new byte[0];
            }
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(a.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            if (a.body() != null) {
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            }
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            // IS-04 / IS-05 "Cross-Origin Resource Sharing": every response carries these.
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
                    "GET, PUT, POST, PATCH, HEAD, OPTIONS, DELETE");
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept");
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "3600");
            a.headers().forEach((k, v) -> res.headers().set(k, v));
            if (keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
