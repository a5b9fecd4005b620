package dev.xsight.nmos.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Query API client against a stand-in on loopback: paging, and the live JPEG XS sender list. */
class QueryClientTest {
    private QueryStandIn registry;
    private QueryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new QueryStandIn(2);
        client = new QueryClient(registry.base(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void pagesThroughACollectionInCreationOrderUntilAnEmptyPage() throws Exception {
        for (int i = 1; i <= 5; i++) {
            registry.put("senders", QueryStandIn.sender("00000000-0000-4000-8000-00000000000" + i, "s" + i, "f"));
        }
        List<ObjectNode> all = client.list("senders", Map.of());
        assertEquals(List.of("s1", "s2", "s3", "s4", "s5"),
                all.stream().map(s -> s.get("label").asText()).toList());
        List<String> since = registry.gets().stream()
                .map(u -> u.replaceAll(".*paging\\.since=([0-9]+:[0-9]+).*", "$1")).toList();
        assertEquals(List.of("0:0", "2:0", "4:0", "5:0"), since, "a page of 2, following the next links");
    }

    @Test
    void nextLinkIsReadFromTheLinkHeader() {
        URI request = URI.create("http://r:1/x-nmos/query/v1.3/senders?paging.since=0:0");
        assertEquals(URI.create("http://r:1/x-nmos/query/v1.3/senders/?paging.since=0:20&paging.limit=10"),
                QueryClient.nextLink(request, List.of("<http://r:1/x-nmos/query/v1.3/senders/?paging.since=0:20"
                        + "&paging.limit=10>; rel=\"next\", <http://r:1/x-nmos/query/v1.3/senders/?paging.until"
                        + "=0:10&paging.limit=10>; rel=\"prev\"")).orElseThrow());
    }

    @Test
    void anUnknownCollectionIsATypedStatusError() {
        QueryException e = assertThrows(QueryException.class, () -> client.list("nothing", Map.of()));
        assertEquals(QueryException.Kind.STATUS, e.kind());
        assertEquals(404, e.status());
    }

    @Test
    void theSenderListFollowsSendersAndFlowsAddedAndRemoved() throws Exception {
        String jxsFlow = "10000000-0000-4000-8000-000000000001";
        String rawFlow = "10000000-0000-4000-8000-000000000002";
        registry.put("flows", QueryStandIn.flow(jxsFlow, "video/jxsv"));
        registry.put("flows", QueryStandIn.flow(rawFlow, "video/raw"));
        registry.put("senders", QueryStandIn.sender("20000000-0000-4000-8000-000000000001", "Camera 1", jxsFlow));
        registry.put("senders", QueryStandIn.sender("20000000-0000-4000-8000-000000000002", "Raw out", rawFlow));

        BlockingQueue<List<JxsSender>> lists = new LinkedBlockingQueue<>();
        try (JxsSenderList list = new JxsSenderList(client)) {
            list.addListener(lists::add);
            list.start();
            registry.awaitConnections(2);
            assertEquals(List.of("Camera 1"), labels(next(lists)), "only the video/jxsv sender is listed");
            JxsSender cam1 = list.senders().get(0);
            assertEquals("http://192.0.2.10/x-nmos/node/v1.3/senders/20000000-0000-4000-8000-000000000001/sdp",
                    cam1.manifestHref());
            assertEquals(jxsFlow, cam1.flowId());

            String flow3 = "10000000-0000-4000-8000-000000000003";
            registry.put("flows", QueryStandIn.flow(flow3, "video/jxsv"));
            registry.put("senders", QueryStandIn.sender("20000000-0000-4000-8000-000000000003", "Camera 3", flow3));
            assertEquals(List.of("Camera 1", "Camera 3"), labels(next(lists)));

            registry.remove("senders", "20000000-0000-4000-8000-000000000001");
            assertEquals(List.of("Camera 3"), labels(next(lists)));

            ObjectNode renamed = QueryStandIn.sender("20000000-0000-4000-8000-000000000003", "Camera 3 (ISO)", flow3);
            registry.put("senders", renamed);
            assertEquals(List.of("Camera 3 (ISO)"), labels(next(lists)));

            registry.remove("flows", flow3);
            assertEquals(List.of(), labels(next(lists)), "a sender whose flow is gone is not listed");
        }
    }

    @Test
    void aDroppedWebsocketIsReportedWithItsCollection() throws Exception {
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        try (JxsSenderList list = new JxsSenderList(client)) {
            list.addDisconnectListener(reasons::add);
            list.start();
            registry.awaitConnections(2);
            registry.dropWebsockets();
            String first = reasons.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "no disconnect reported");
            assertTrue(first.startsWith("subscription to flows") || first.startsWith("subscription to senders"),
                    first);
        }
    }

    private static List<JxsSender> next(BlockingQueue<List<JxsSender>> lists) throws InterruptedException {
        List<JxsSender> l = lists.poll(10, TimeUnit.SECONDS);
        assertNotNull(l, "the sender list did not change");
        return l;
    }

    private static List<String> labels(List<JxsSender> senders) {
        return senders.stream().map(JxsSender::label).toList();
    }
}
