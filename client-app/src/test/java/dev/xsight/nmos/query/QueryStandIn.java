package dev.xsight.nmos.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Query API v1.3 stand-in on loopback for tests (Netty): paged GETs of flows and senders in creation order
 * ({@code paging.since} cursors "seconds:0" where the seconds count creations), POST {@code /subscriptions}, and
 * the subscription websockets, which get a sync grain on connecting and a grain for every change the test makes.
 */
public final class QueryStandIn implements AutoCloseable {
    static final String BASE = "/x-nmos/query/v1.3/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Held(long created, ObjectNode body) {
    }

    private record Subscriber(String path, Channel channel) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final int pageLimit;
    // Guarded by this.
    private final Map<String, Map<String, Held>> collections = new LinkedHashMap<>();
    private final Map<String, String> subscriptionPaths = new LinkedHashMap<>();
    private long creations;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> connected = new LinkedBlockingQueue<>();
    private final List<String> gets = new CopyOnWriteArrayList<>();

    public QueryStandIn(int pageLimit) throws InterruptedException {
        this.pageLimit = pageLimit;
        collections.put("flows", new LinkedHashMap<>());
        collections.put("senders", new LinkedHashMap<>());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath(BASE + "ws").checkStartsWith(true).build()),
                                new Rest(), new Frames());
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
    }

    /** The GET URIs (path and query) in arrival order. */
    List<String> gets() {
        return List.copyOf(gets);
    }

    /** Waits until {@code n} more websockets have connected and had their sync grain. */
    public void awaitConnections(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            if (connected.poll(10, TimeUnit.SECONDS) == null) {
                throw new AssertionError("no websocket connected to the Query API stand-in");
            }
        }
    }

    public static ObjectNode flow(String id, String mediaType) {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", id);
        f.put("version", "1:0");
        f.put("label", "flow " + id);
        f.put("format", "urn:x-nmos:format:video");
        f.put("media_type", mediaType);
        return f;
    }

    public static ObjectNode sender(String id, String label, String flowId) {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", id);
        s.put("version", "1:0");
        s.put("label", label);
        s.put("description", "");
        s.put("flow_id", flowId);
        s.put("transport", "urn:x-nmos:transport:rtp.mcast");
        s.put("manifest_href", "http://192.0.2.10/x-nmos/node/v1.3/senders/" + id + "/sdp");
        return s;
    }

    /** Adds or changes a resource and pushes the change to the collection's subscribers. */
    public void put(String collection, ObjectNode body) {
        String id = body.get("id").asText();
        Held before;
        synchronized (this) {
            Map<String, Held> c = collections.get(collection);
            before = c.get(id);
            c.put(id, new Held(before == null ? ++creations : before.created(), body));
        }
        push(collection, change(id, before == null ? null : before.body(), body));
    }

    /** Removes a resource and pushes the removal. */
    public void remove(String collection, String id) {
        Held before;
        synchronized (this) {
            before = collections.get(collection).remove(id);
        }
        push(collection, change(id, before.body(), null));
    }

    /** Closes every subscription websocket, as a registry going away does. */
    public void dropWebsockets() {
        for (Subscriber s : subscribers) {
            s.channel().close();
        }
        subscribers.clear();
    }

    private static ObjectNode change(String id, ObjectNode pre, ObjectNode post) {
        ObjectNode d = JSON.createObjectNode();
        d.put("path", id);
        if (pre != null) {
            d.set("pre", pre);
        }
        if (post != null) {
            d.set("post", post);
        }
        return d;
    }

    private void push(String collection, ObjectNode change) {
        for (Subscriber s : subscribers) {
            if (s.path().equals("/" + collection)) {
                s.channel().writeAndFlush(new TextWebSocketFrame(grain(collection, List.of(change))));
            }
        }
    }

    private static String grain(String collection, List<ObjectNode> changes) {
        ObjectNode g = JSON.createObjectNode();
        g.put("grain_type", "event");
        g.put("source_id", UUID.randomUUID().toString());
        g.put("flow_id", UUID.randomUUID().toString());
        g.put("origin_timestamp", "0:0");
        g.put("sync_timestamp", "0:0");
        g.put("creation_timestamp", "0:0");
        g.putObject("rate").put("numerator", 0).put("denominator", 1);
        g.putObject("duration").put("numerator", 0).put("denominator", 1);
        ObjectNode inner = g.putObject("grain");
        inner.put("type", "urn:x-nmos:format:data.event");
        inner.put("topic", "/" + collection + "/");
        ArrayNode data = inner.putArray("data");
        changes.forEach(data::add);
        return g.toString();
    }

    private final class Rest extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String path = q.path();
            if (req.method().equals(HttpMethod.POST) && path.equals(BASE + "subscriptions")) {
                JsonNode body = JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
                String id = UUID.randomUUID().toString();
                synchronized (QueryStandIn.this) {
                    subscriptionPaths.put(id, body.path("resource_path").asText());
                }
                ObjectNode sub = ((ObjectNode) body.deepCopy()).put("id", id)
                        .put("ws_href", "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort()
                                + BASE + "ws/?uid=" + id);
                reply(ctx, HttpResponseStatus.CREATED, sub.toString(), Map.of());
                return;
            }
            String collection = path.startsWith(BASE) ? path.substring(BASE.length()).replaceAll("/$", "") : "";
            if (req.method().equals(HttpMethod.GET) && collections.containsKey(collection)) {
                gets.add(req.uri());
                page(ctx, collection, q);
                return;
            }
            reply(ctx, HttpResponseStatus.NOT_FOUND, "{\"code\":404,\"error\":\"not found\",\"debug\":null}",
                    Map.of());
        }

        /** APIs: Query Parameters, pagination in creation order from {@code paging.since}. */
        private void page(ChannelHandlerContext ctx, String collection, QueryStringDecoder q) {
            long since = cursor(q, "paging.since");
            List<Held> page = new ArrayList<>();
            synchronized (QueryStandIn.this) {
                collections.get(collection).values().stream().filter(h -> h.created() > since)
                        .sorted((a, b) -> Long.compare(a.created(), b.created())).limit(pageLimit)
                        .forEach(page::add);
            }
            ArrayNode body = JSON.createArrayNode();
            page.forEach(h -> body.add(h.body()));
            long until = page.isEmpty() ? since : page.get(page.size() - 1).created();
            String self = BASE + collection + "?paging.order=create&paging.limit=" + pageLimit;
            Map<String, String> headers = Map.of(
                    "X-Paging-Limit", Integer.toString(pageLimit),
                    "X-Paging-Since", since + ":0",
                    "X-Paging-Until", until + ":0",
                    "Link", "<" + self + "&paging.since=" + until + ":0>; rel=\"next\", <" + self
                            + "&paging.until=" + since + ":0>; rel=\"prev\"");
            reply(ctx, HttpResponseStatus.OK, body.toString(), headers);
        }

        private static long cursor(QueryStringDecoder q, String key) {
            List<String> v = q.parameters().get(key);
            return v == null ? 0 : Long.parseLong(v.get(0).substring(0, v.get(0).indexOf(':')));
        }

        private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String body,
                Map<String, String> headers) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            headers.forEach((k, v) -> res.headers().set(k, v));
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
                String uid = new QueryStringDecoder(hs.requestUri()).parameters().get("uid").get(0);
                String path;
                List<ObjectNode> sync = new ArrayList<>();
                synchronized (QueryStandIn.this) {
                    path = subscriptionPaths.get(uid);
                    collections.get(path.substring(1)).values().forEach(h -> sync.add(change(
                            h.body().get("id").asText(), h.body(), h.body())));
                    // Subscribed and synced under the lock: no change made meanwhile is lost or sent twice.
                    subscribers.add(new Subscriber(path, ctx.channel()));
                    ctx.channel().writeAndFlush(new TextWebSocketFrame(grain(path.substring(1), sync)));
                }
                connected.add(uid);
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }
    }

    private static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            // Clients send nothing the stand-in needs.
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
