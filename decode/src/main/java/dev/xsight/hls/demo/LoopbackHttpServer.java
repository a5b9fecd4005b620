package dev.xsight.hls.demo;

import io.netty.bootstrap.ServerBootstrap;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small HTTP/1.1 server on the loopback interface (Netty) that serves HLS: the built-in demo stream and the test
 * streams. Each request path goes to a {@link Responder}; {@link #directory(Path)} serves files beneath a folder.
 * GET and HEAD only.
 *
 * <p>Threading: one Netty event loop answers; responders must be thread-safe and quick.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** An HTTP answer. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Response ok(String contentType, byte[] body) {
            return new Response(200, contentType, body, Map.of());
        }

        public static Response notFound() {
            return new Response(404, "text/plain", "not found\n".getBytes(), Map.of());
        }

        public static Response redirect(String location) {
            return new Response(302, "text/plain", new byte[0], Map.of("Location", location));
        }
    }

    /** Answers one decoded request path (without query string). */
    @FunctionalInterface
    public interface Responder {
        Response respond(String path) throws IOException;
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final int port;

    private LoopbackHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
        this.port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Starts a server on 127.0.0.1 on a free port. */
    public static LoopbackHttpServer start(Responder responder) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new Handler(responder));
                        }
                    }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            return new LoopbackHttpServer(group, ch);
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the HTTP server", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IOException("cannot start the loopback HTTP server: " + e.getMessage(), e);
        }
    }

    /** Serves files beneath {@code root} (paths that would leave it are 404). */
    public static Responder directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return path -> {
            Path p = base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
            if (!p.startsWith(base) || !Files.isRegularFile(p)) {
                return Response.notFound();
            }
            return Response.ok(contentType(p.getFileName().toString()), Files.readAllBytes(p));
        };
    }

    /** The MIME type HLS clients expect for a file name. */
    public static String contentType(String name) {
        if (name.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (name.endsWith(".ts")) {
            return "video/mp2t";
        }
        if (name.endsWith(".mp4") || name.endsWith(".m4s")) {
            return "video/mp4";
        }
        return "application/octet-stream";
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port} + {@code path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path));
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Responder responder;

        Handler(Responder responder) {
            this.responder = responder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Response r;
            if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                r = new Response(405, "text/plain", new byte[0], Map.of());
            } else {
                try {
                    r = responder.respond(new QueryStringDecoder(req.uri()).path());
                } catch (IOException | RuntimeException e) {
                    r = new Response(500, "text/plain", String.valueOf(e.getMessage()).getBytes(), Map.of());
                }
            }
            boolean head = req.method().equals(HttpMethod.HEAD);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(r.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            r.headers().forEach((k, v) -> res.headers().set(k, v));
            boolean keepAlive = HttpUtil.isKeepAlive(req);
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
