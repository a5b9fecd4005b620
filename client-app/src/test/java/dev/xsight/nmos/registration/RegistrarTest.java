package dev.xsight.nmos.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.nmos.NmosResource;
import dev.xsight.nmos.ResourceType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registrar against Registration API stand-ins on loopback (IS-04 "Behaviour: Registration"). Every check
 * waits on requests arriving at a stand-in or on status changes, never on elapsed time.
 */
class RegistrarTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A short heartbeat so the tests see several quickly (nothing asserts on the interval itself); a long request
     * timeout so that a loaded machine does not turn a slow answer into a fail-over.
     */
    private static final RegistrarOptions FAST = new RegistrarOptions(Duration.ofMillis(40), Duration.ofSeconds(10),
            Duration.ofMillis(20), Duration.ofMillis(100));
    private static final List<String> ALL_IN_ORDER = List.of("POST node", "POST device", "POST source",
            "POST flow", "POST sender", "POST receiver");

    private final UUID node = UUID.randomUUID();
    private final UUID device = UUID.randomUUID();
    private final UUID source = UUID.randomUUID();
    private final UUID flow = UUID.randomUUID();
    private final UUID sender = UUID.randomUUID();
    private final UUID receiver = UUID.randomUUID();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<RegistrationStatus> statuses = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** The node's resources, deliberately not in registration order. */
    private List<NmosResource> resources() {
        return List.of(
                resource(ResourceType.RECEIVER, receiver, "device_id", device),
                resource(ResourceType.SENDER, sender, "device_id", device),
                resource(ResourceType.FLOW, flow, "device_id", device),
                resource(ResourceType.NODE, node, null, null),
                resource(ResourceType.SOURCE, source, "device_id", device),
                resource(ResourceType.DEVICE, device, "node_id", node));
    }

    private static NmosResource resource(ResourceType type, UUID id, String parentKey, UUID parent) {
        ObjectNode data = JSON.createObjectNode();
        data.put("id", id.toString());
        data.put("version", "1:0");
        data.put("label", type.word());
        if (parentKey != null) {
            data.put(parentKey, parent.toString());
        }
        return new NmosResource(type, id, data);
    }

    private RegistryStandIn registry() throws Exception {
        RegistryStandIn r = RegistryStandIn.start(0);
        open.add(r);
        return r;
    }

    private Registrar registrar(RegistrySource source, PeerToPeer p2p) {
        Registrar r = new Registrar(this::resources, source, p2p, FAST);
        r.addListener(statuses::add);
        r.start();
        open.add(r);
        return r;
    }

    private RegistrationStatus awaitState(RegistrationState state) throws InterruptedException {
        while (true) {
            RegistrationStatus s = statuses.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "the registrar never reached " + state);
            if (s.state() == state) {
                return s;
            }
        }
    }

    private static List<String> take(RegistryStandIn r, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.next().summary());
        }
        return out;
    }

    @Test
    void registersNodeFirstThenChildrenInOrderThenHeartbeats() throws Exception {
        RegistryStandIn reg = registry();
        registrar(RegistrySource.fixed(reg.base()), PeerToPeer.NONE);

        assertEquals(ALL_IN_ORDER, take(reg, 6));
        RegistryStandIn.Request hb = reg.next();
        assertEquals("HEARTBEAT", hb.summary());
        assertEquals(RegistryStandIn.BASE + "health/nodes/" + node, hb.path());
        assertEquals(List.of("HEARTBEAT", "HEARTBEAT", "HEARTBEAT"), take(reg, 3),
                "only heartbeats follow a complete registration");
        RegistrationStatus s = awaitState(RegistrationState.REGISTERED);
        assertEquals(reg.base(), s.registry());
        assertTrue(reg.holds(receiver.toString()));
    }

    @Test
    void registersEverythingAgainInOrderAfterA404OnHeartbeat() throws Exception {
        RegistryStandIn reg = registry();
        registrar(RegistrySource.fixed(reg.base()), PeerToPeer.NONE);
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        assertEquals("HEARTBEAT", reg.next().summary());

        reg.forget(); // garbage collected: the next heartbeat is answered 404
        assertEquals("HEARTBEAT", reg.next().summary());
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        assertEquals("HEARTBEAT", reg.next().summary());
        assertTrue(reg.holds(receiver.toString()));
    }

    @Test
    void registersWithARestartedRegistryOnTheSamePort() throws Exception {
        RegistryStandIn first = RegistryStandIn.start(0);
        int port = first.port();
        registrar(RegistrySource.fixed(first.base()), PeerToPeer.NONE);
        assertEquals(ALL_IN_ORDER, take(first, 6));
        awaitState(RegistrationState.REGISTERED);

        first.close();
        RegistrationStatus down = awaitState(RegistrationState.BACKING_OFF);
        assertEquals(RegistrationException.Kind.UNREACHABLE, down.lastError().kind());

        RegistryStandIn again = RegistryStandIn.start(port);
        open.add(again);
        // IS-04: the first interaction after a failure is a heartbeat; the restarted registry answers 404.
        assertEquals("HEARTBEAT", again.next().summary());
        assertEquals(ALL_IN_ORDER, take(again, 6));
        awaitState(RegistrationState.REGISTERED);
    }

    @Test
    void failsOverToTheNextRegistryAndBackWhenThatOneDies() throws Exception {
        RegistryStandIn a = registry();
        RegistryStandIn b = registry();
        registrar(() -> List.of(a.base(), b.base()), PeerToPeer.NONE);
        assertEquals(ALL_IN_ORDER, take(a, 6));
        assertEquals("HEARTBEAT", a.next().summary());

        a.answerAllWith(503);
        assertEquals("HEARTBEAT", b.next().summary(), "after a 5xx the next registry is asked with a heartbeat");
        assertEquals(ALL_IN_ORDER, take(b, 6), "a registry that does not know the node gets every resource");
        assertEquals(b.base(), awaitRegisteredWith(b.base()).registry());

        // The first registry recovers (still holding our resources, as a cluster would); the second dies.
        a.answerAllWith(0);
        b.answerAllWith(500);
        awaitRegisteredWith(a.base());
        assertEquals(0, countResourcePosts(a), "a registry still holding the node only gets heartbeats");
    }

    private RegistrationStatus awaitRegisteredWith(URI registry) throws InterruptedException {
        while (true) {
            RegistrationStatus s = awaitState(RegistrationState.REGISTERED);
            if (s.registry().equals(registry)) {
                return s;
            }
        }
    }

    private static int countResourcePosts(RegistryStandIn r) throws InterruptedException {
        int posts = 0;
        while (r.waiting() > 0) {
            if (r.next().summary().startsWith("POST ")) {
                posts++;
            }
        }
        return posts;
    }

    @Test
    void aChangeMadeDuringFailOverReachesARegistryThatStillHoldsTheNode() throws Exception {
        RegistryStandIn a = registry();
        RegistryStandIn b = registry();
        for (NmosResource r : resources()) {
            b.hold(r.type().word(), r.id().toString()); // b shares a's records, as in a cluster
        }
        Registrar r = registrar(() -> List.of(a.base(), b.base()), PeerToPeer.NONE);
        assertEquals(ALL_IN_ORDER, take(a, 6));
        a.answerAllWith(503);
        ObjectNode changed = resource(ResourceType.RECEIVER, receiver, "device_id", device).data().deepCopy();
        changed.put("version", "3:0");
        r.update(new NmosResource(ResourceType.RECEIVER, receiver, changed));

        assertEquals("HEARTBEAT", b.next().summary(), "the first request to the next registry is a heartbeat");
        RegistryStandIn.Request post = b.nextNonHeartbeat();
        assertEquals("POST receiver", post.summary(), "only the change is sent; the rest is still registered");
        assertEquals("3:0", post.body().path("data").path("version").asText());
        awaitRegisteredWith(b.base());
    }

    @Test
    void deletesAStaleNodeRecordBeforeRegistering() throws Exception {
        RegistryStandIn reg = registry();
        reg.hold("node", node.toString()); // left over from before a restart: POST node answers 200
        registrar(RegistrySource.fixed(reg.base()), PeerToPeer.NONE);
        assertEquals(List.of("POST node", "DELETE node", "POST node"), take(reg, 3));
        assertEquals(ALL_IN_ORDER.subList(1, 6), take(reg, 5));
    }

    @Test
    void postsAChangedResourceAndKeepsHeartbeating() throws Exception {
        RegistryStandIn reg = registry();
        Registrar r = registrar(RegistrySource.fixed(reg.base()), PeerToPeer.NONE);
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        ObjectNode changed = resource(ResourceType.RECEIVER, receiver, "device_id", device).data().deepCopy();
        changed.put("version", "2:0");
        r.update(new NmosResource(ResourceType.RECEIVER, receiver, changed));
        RegistryStandIn.Request post = reg.nextNonHeartbeat();
        assertEquals("POST receiver", post.summary());
        assertEquals("2:0", post.body().path("data").path("version").asText());
        assertEquals("HEARTBEAT", reg.next().summary());
    }

    @Test
    void aRefusedReceiverIsReportedAndNotRepeatedWhileTheNodeStaysRegistered() throws Exception {
        RegistryStandIn reg = registry();
        reg.refuse(receiver.toString());
        registrar(RegistrySource.fixed(reg.base()), PeerToPeer.NONE);
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        assertEquals(List.of("HEARTBEAT", "HEARTBEAT"), take(reg, 2));
        RegistrationStatus s = awaitState(RegistrationState.REGISTERED);
        assertEquals(RegistrationException.Kind.REJECTED, s.lastError().kind());
        assertEquals(400, s.lastError().status());
    }

    @Test
    void aConflictUnregistersTheNodeThereThenRegistersAfresh() throws Exception {
        RegistryStandIn reg = registry();
        reg.conflictOnNodePosts(1);
        registrar(RegistrySource.fixed(reg.base()), PeerToPeer.NONE);
        assertEquals(List.of("POST node", "DELETE node"), take(reg, 2));
        RegistrationStatus s = awaitState(RegistrationState.BACKING_OFF);
        assertEquals(RegistrationException.Kind.CONFLICT, s.lastError().kind());
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        awaitState(RegistrationState.REGISTERED);
    }

    @Test
    void aBrokenResourceListIsReportedAndRetriedNotFatal() throws Exception {
        RegistryStandIn reg = registry();
        AtomicReference<Boolean> broken = new AtomicReference<>(true);
        Registrar r = new Registrar(() -> {
            if (broken.get()) {
                throw new IllegalStateException("model not ready");
            }
            return resources();
        }, RegistrySource.fixed(reg.base()), PeerToPeer.NONE, FAST);
        r.addListener(statuses::add);
        open.add(r);
        r.start();
        awaitState(RegistrationState.BACKING_OFF);
        broken.set(false);
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        awaitState(RegistrationState.REGISTERED);
    }

    @Test
    void unregistersChildrenBeforeParentsOnClose() throws Exception {
        RegistryStandIn reg = registry();
        Registrar r = registrar(RegistrySource.fixed(reg.base()), PeerToPeer.NONE);
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        awaitState(RegistrationState.REGISTERED);
        r.close();
        List<String> deletes = new ArrayList<>();
        while (reg.waiting() > 0) {
            String s = reg.next().summary();
            if (!s.equals("HEARTBEAT")) {
                deletes.add(s);
            }
        }
        assertEquals(List.of("DELETE receiver", "DELETE sender", "DELETE flow", "DELETE source", "DELETE device",
                "DELETE node"), deletes);
        assertEquals(RegistrationState.STOPPED, r.status().state());
        assertTrue(!reg.holds(node.toString()));
    }

    @Test
    void peerToPeerWhileNoRegistryIsFoundThenRegisters() throws Exception {
        RegistryStandIn reg = registry();
        AtomicReference<List<URI>> found = new AtomicReference<>(List.of());
        List<String> modes = new CopyOnWriteArrayList<>();
        BlockingQueue<String> modeChanges = new LinkedBlockingQueue<>();
        registrar(found::get, new PeerToPeer() {
            @Override
            public void enter() {
                modes.add("enter");
                modeChanges.add("enter");
            }

            @Override
            public void leave() {
                modes.add("leave");
                modeChanges.add("leave");
            }
        });
        awaitState(RegistrationState.PEER_TO_PEER);
        assertEquals("enter", modeChanges.poll(10, TimeUnit.SECONDS));

        found.set(List.of(reg.base()));
        assertEquals(ALL_IN_ORDER, take(reg, 6));
        assertEquals("leave", modeChanges.poll(10, TimeUnit.SECONDS));
        awaitState(RegistrationState.REGISTERED);
        assertEquals(List.of("enter", "leave"), modes);
    }
}
