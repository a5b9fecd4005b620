package dev.xsight.nmos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The node's IS-04 v1.3 resources: one Node, one Device and one JPEG XS video Receiver (no sources, flows or
 * senders). Each is an immutable {@link NmosResource}; a change (the receiver's subscription) replaces it with a new
 * value whose {@code version} is a later TAI time, and tells the listeners, so the registration side can re-POST it.
 *
 * <p>Threading: any thread may read; changes are serialized on this object; listeners run on the thread that made
 * the change, after it, and must be quick.
 */
public final class NodeModel {
    /** The Device's control type for an IS-05 v1.1 Connection API. */
    public static final String SR_CTRL = "urn:x-nmos:control:sr-ctrl/v1.1";
    /** RTP, multicast or unicast: the register asks a receiver taking both to present the base URN. */
    public static final String TRANSPORT_RTP = "urn:x-nmos:transport:rtp";

    /**
     * Where the node is and what it is called.
     *
     * @param label names the Node and the Device
     * @param host the address or host name the APIs are reached at (in hrefs and {@code api.endpoints})
     * @param port the APIs' TCP port
     * @param hostname the host's name ({@code hostname})
     * @param interfaces the network interfaces media arrives on: {@code name} and {@code port_id} (a MAC written
     *     {@code xx-xx-…} or another string), one or two (ST 2022-7)
     */
    public record Settings(String label, String host, int port, String hostname, List<NetworkPort> interfaces) {
        public Settings {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(host, "host");
            interfaces = List.copyOf(interfaces);
            if (interfaces.isEmpty() || port <= 0 || port > 65535) {
                throw new IllegalArgumentException("an interface and a port 1..65535 are needed");
            }
        }

        /** {@code http://host:port} (an IPv6 literal in brackets). */
        public String baseUrl() {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** One network interface as IS-04 lists it. */
    public record NetworkPort(String name, String portId, String chassisId) {
    }

    private final NodeIdentity ids;
    private final Settings settings;
    private final Map<ResourceType, NmosResource> resources = new EnumMap<>(ResourceType.class);
    private final List<Consumer<NmosResource>> listeners = new CopyOnWriteArrayList<>();
    private TaiTime lastVersion = new TaiTime(0, 0);
    private final TaiTime capsVersion;

    public NodeModel(NodeIdentity ids, Settings settings) {
        this.ids = ids;
        this.settings = settings;
        TaiTime v = nextVersion();
        capsVersion = v;
        resources.put(ResourceType.NODE, new NmosResource(ResourceType.NODE, ids.node(), node(v)));
        resources.put(ResourceType.DEVICE, new NmosResource(ResourceType.DEVICE, ids.device(), device(v)));
        resources.put(ResourceType.RECEIVER, new NmosResource(ResourceType.RECEIVER, ids.receiver(),
                receiver(v, null, false)));
    }

    public NodeIdentity ids() {
        return ids;
    }

    public Settings settings() {
        return settings;
    }

    /** Every resource, parents first ({@link ResourceType} order): what a registry must receive, in that order. */
    public synchronized List<NmosResource> all() {
        return List.copyOf(resources.values());
    }

    /** The resources of one type (the Node API's lists; empty for sources, flows and senders). */
    public synchronized List<NmosResource> list(ResourceType type) {
        NmosResource r = resources.get(type);
        return r == null ? List.of() : List.of(r);
    }

    public synchronized Optional<NmosResource> find(ResourceType type, UUID id) {
        NmosResource r = resources.get(type);
        return r != null && r.id().equals(id) ? Optional.of(r) : Optional.empty();
    }

    public synchronized NmosResource self() {
        return resources.get(ResourceType.NODE);
    }

    public synchronized NmosResource receiver() {
        return resources.get(ResourceType.RECEIVER);
    }

    /** Calls {@code listener} with every resource that changes from now on (the new value). */
    public void addListener(Consumer<NmosResource> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<NmosResource> listener) {
        listeners.remove(listener);
    }

    /**
     * An IS-05 activation of the receiver happened: sets its {@code subscription} and gives it a new version, also
     * when nothing in it changed (IS-05 "Version Increments": a re-activation of the same parameters is signalled
     * too). IS-04 "Behaviour: Nodes": {@code sender_id} is null unless the receiver is active.
     *
     * @param senderId the {@code sender_id} of the activated parameters, or null
     * @param active the activated {@code master_enable}
     */
    public void activated(UUID senderId, boolean active) {
        NmosResource changed;
        synchronized (this) {
            changed = new NmosResource(ResourceType.RECEIVER, ids.receiver(), receiver(nextVersion(),
                    active ? senderId : null, active));
            resources.put(ResourceType.RECEIVER, changed);
        }
        for (Consumer<NmosResource> l : listeners) {
            l.accept(changed);
        }
    }

    /** A version later than every one handed out (IS-04: versions only go forward). */
    private TaiTime nextVersion() {
        TaiTime now = TaiTime.now();
        lastVersion = now.compareTo(lastVersion) > 0 ? now : lastVersion.next();
        return lastVersion;
    }

    private ObjectNode core(UUID id, TaiTime version, String label, String description) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id.toString());
        n.put("version", version.toString());
        n.put("label", label);
        n.put("description", description);
        n.putObject("tags");
        return n;
    }

    private ObjectNode node(TaiTime v) {
        ObjectNode n = core(ids.node(), v, settings.label(), "Xsight reference monitor: JPEG XS receiver");
        n.put("href", settings.baseUrl() + "/");
        n.put("hostname", settings.hostname());
        ObjectNode api = n.putObject("api");
        api.putArray("versions").add("v1.3");
        ObjectNode ep = api.putArray("endpoints").addObject();
        ep.put("host", settings.host());
        ep.put("port", settings.port());
        ep.put("protocol", "http");
        ep.put("authorization", false);
        n.putObject("caps");
        n.putArray("services");
        // No PTP follower yet: pictures are timed by the system clock (docs/notes/nmos.md).
        ObjectNode clock = n.putArray("clocks").addObject();
        clock.put("name", "clk0");
        clock.put("ref_type", "internal");
        ArrayNode ifs = n.putArray("interfaces");
        for (NetworkPort p : settings.interfaces()) {
            ObjectNode i = ifs.addObject();
            if (p.chassisId() == null) {
                i.putNull("chassis_id");
            } else {
                i.put("chassis_id", p.chassisId());
            }
            i.put("port_id", p.portId());
            i.put("name", p.name());
        }
        return n;
    }

    private ObjectNode device(TaiTime v) {
        ObjectNode n = core(ids.device(), v, settings.label(), "JPEG XS decoder and reference display");
        n.put("type", "urn:x-nmos:device:generic");
        n.put("node_id", ids.node().toString());
        n.putArray("senders");
        n.putArray("receivers").add(ids.receiver().toString());
        ObjectNode c = n.putArray("controls").addObject();
        c.put("href", settings.baseUrl() + "/x-nmos/connection/v1.1/");
        c.put("type", SR_CTRL);
        c.put("authorization", false);
        return n;
    }

    private ObjectNode receiver(TaiTime v, UUID senderId, boolean active) {
        ObjectNode n = core(ids.receiver(), v, settings.label() + " JPEG XS in",
                "ST 2110-22 JPEG XS video (RFC 9134), ST 2022-7 capable");
        n.put("device_id", ids.device().toString());
        n.put("transport", TRANSPORT_RTP);
        ArrayNode bindings = n.putArray("interface_bindings");
        List<String> names = new ArrayList<>();
        settings.interfaces().forEach(p -> names.add(p.name()));
        names.stream().distinct().forEach(bindings::add);
        ObjectNode sub = n.putObject("subscription");
        if (senderId == null) {
            sub.putNull("sender_id");
        } else {
            sub.put("sender_id", senderId.toString());
        }
        sub.put("active", active);
        n.put("format", "urn:x-nmos:format:video");
        ObjectNode caps = n.putObject("caps");
        caps.putArray("media_types").add("video/jxsv");
        caps.set("constraint_sets", ReceiverCapabilities.constraintSets());
        // The capabilities never change while the node runs: their version is the node's start.
        caps.put("version", capsVersion.toString());
        return n;
    }
}
