package dev.xsight.nmos.registration;

import dev.xsight.nmos.ResourceType;
import dev.xsight.nmos.discovery.DnsName;
import dev.xsight.nmos.discovery.MdnsResponder;
import dev.xsight.nmos.discovery.NmosDiscovery;
import dev.xsight.nmos.discovery.ServiceAdvertisement;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer-to-peer mode by mDNS (IS-04 "Discovery: Peer-to-Peer Operation"): while entered, advertises the Node API as
 * {@code _nmos-node._tcp.local} with {@code api_proto}, {@code api_ver}, {@code api_auth} and the {@code ver_*}
 * counters, each an 8-bit counter that {@link #changed} increments (wrapping at 255) when the resources of that
 * type change. Leaving withdraws the advertisement (mDNS goodbye), as a registered node must.
 *
 * <p>Threading: {@link #enter} and {@link #leave} come from the registrar's thread, {@link #changed} from whatever
 * thread changes the model; all are synchronized. The responder has its own thread while entered.
 */
public final class MdnsPeerToPeer implements PeerToPeer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MdnsPeerToPeer.class);
    private static final Map<ResourceType, String> KEYS = new EnumMap<>(Map.of(ResourceType.NODE, "ver_slf",
            ResourceType.DEVICE, "ver_dvc", ResourceType.SOURCE, "ver_src", ResourceType.FLOW, "ver_flw",
            ResourceType.SENDER, "ver_snd", ResourceType.RECEIVER, "ver_rcv"));

    private final InetSocketAddress group;
    private final NetworkInterface nif;
    private final ServiceAdvertisement base;
    private final Map<ResourceType, Integer> versions = new EnumMap<>(ResourceType.class);
    private MdnsResponder responder;

    /**
     * @param group the mDNS group ({@link dev.xsight.nmos.discovery.DiscoveryOptions#MDNS_GROUP} in a facility)
     * @param nif   the interface the Node API is reached on
     * @param base  the Node API's advertisement; its TXT pairs are replaced by the peer-to-peer ones
     */
    public MdnsPeerToPeer(InetSocketAddress group, NetworkInterface nif, ServiceAdvertisement base) {
        this.group = Objects.requireNonNull(group, "group");
        this.nif = Objects.requireNonNull(nif, "nif");
        this.base = Objects.requireNonNull(base, "base");
        for (ResourceType t : ResourceType.values()) {
            versions.put(t, 0);
        }
    }

    /**
     * The advertisement of a Node API at {@code address:port}: instance {@code <label> <first 8 hex of the node
     * id>} (unique on the link, readable in a browser), host {@code xsight-<same>.local}.
     */
    public static ServiceAdvertisement nodeAdvertisement(String label, UUID node, Inet4Address address, int port) {
        String shortId = node.toString().substring(0, 8);
        String instance = (label.isBlank() ? "xsight" : label) + " " + shortId;
        if (instance.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            instance = "xsight " + shortId;
        }
        return new ServiceAdvertisement(DnsName.of(NmosDiscovery.NODE + ".local"), instance,
                DnsName.of("xsight-" + shortId + ".local"), port, address, Map.of());
    }

    /** The TXT pairs advertised in peer-to-peer mode now. */
    public synchronized Map<String, String> txt() {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("api_proto", "http");
        txt.put("api_ver", "v1.3");
        txt.put("api_auth", "false");
        for (ResourceType t : ResourceType.values()) {
            txt.put(KEYS.get(t), Integer.toString(versions.get(t)));
        }
        return txt;
    }

    @Override
    public synchronized void enter() {
        if (responder != null) {
            return;
        }
        try {
            responder = MdnsResponder.start(group, nif, base.withTxt(txt()));
            LOG.info("NMOS peer-to-peer: advertising {} by mDNS", base.instanceName());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("NMOS peer-to-peer: mDNS advertisement failed on {}: {}", nif.getName(), e.toString());
        }
    }

    @Override
    public synchronized void leave() {
        if (responder != null) {
            responder.close();
            responder = null;
        }
    }

    /** Counts a change of the resources of {@code type} and re-announces when advertising. */
    public synchronized void changed(ResourceType type) {
        versions.put(type, (versions.get(type) + 1) & 0xFF);
        if (responder != null) {
            responder.update(base.withTxt(txt()));
        }
    }

    @Override
    public void close() {
        leave();
    }
}
