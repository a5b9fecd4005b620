package dev.xsight.nmos.registration;

import dev.xsight.nmos.NmosResource;
import dev.xsight.nmos.ResourceType;
import dev.xsight.nmos.discovery.NmosDiscovery;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's registration as the {@code nmos-node} command and the shell run it: a {@link Registrar} with the
 * registry of {@code --registry} or DNS-SD's, plus peer-to-peer mDNS advertisement of the Node API when discovery
 * finds no registry (not with {@code --registry}, nor when mDNS is off). Feed it the model's changes with
 * {@link #update} / {@link #remove}.
 *
 * <p>Threading: see {@link Registrar} and {@link MdnsPeerToPeer}; every method may be called from any thread.
 */
public final class NodeRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);

    private final Registrar registrar;
    private final MdnsPeerToPeer peerToPeer;

    private NodeRegistration(Registrar registrar, MdnsPeerToPeer peerToPeer) {
        this.registrar = registrar;
        this.peerToPeer = peerToPeer;
    }

    /**
     * Starts registering.
     *
     * @param resources  the node's resources now (the model's {@code all()})
     * @param label      the node's label (names the mDNS instance)
     * @param node       the node's id
     * @param apiAddress the address the Node API listens on
     * @param apiPort    its port
     */
    public static NodeRegistration start(RegistrationSettings settings, Supplier<List<NmosResource>> resources,
            String label, UUID node, InetAddress apiAddress, int apiPort) {
        Objects.requireNonNull(settings, "settings");
        RegistrySource source = settings.registry() != null ? RegistrySource.fixed(settings.registry())
                : RegistrySource.discovered(new NmosDiscovery(settings.discovery(), new Random()));
        // Peer-to-peer is for discovered operation with mDNS allowed (IS-04: mDNS only; off with --no-mdns).
        MdnsPeerToPeer p2p = settings.registry() != null || !settings.discovery().multicast() ? null
                : peerToPeer(settings, label, node, apiAddress, apiPort);
        Registrar r = new Registrar(resources, source, p2p == null ? PeerToPeer.NONE : p2p, settings.timing());
        r.start();
        return new NodeRegistration(r, p2p);
    }

    private static MdnsPeerToPeer peerToPeer(RegistrationSettings settings, String label, UUID node,
            InetAddress apiAddress, int apiPort) {
        if (!(apiAddress instanceof Inet4Address v4) || apiAddress.isAnyLocalAddress()) {
            LOG.info("NMOS peer-to-peer mode needs the Node API on one IPv4 address, not {}: it stays off",
                    apiAddress);
            return null;
        }
        try {
            NetworkInterface nif = settings.discovery().mdnsInterface() != null ? settings.discovery().mdnsInterface()
                    : NetworkInterface.getByInetAddress(v4);
            if (nif == null) {
                LOG.info("no interface holds {}: NMOS peer-to-peer mode stays off", apiAddress);
                return null;
            }
            return new MdnsPeerToPeer(settings.discovery().mdnsGroup(), nif,
                    MdnsPeerToPeer.nodeAdvertisement(label, node, v4, apiPort));
        } catch (SocketException e) {
            LOG.info("NMOS peer-to-peer mode stays off: {}", e.toString());
            return null;
        }
    }

    /** A resource changed or was added: registered again, and counted in the peer-to-peer TXT record. */
    public void update(NmosResource resource) {
        registrar.update(resource);
        if (peerToPeer != null) {
            peerToPeer.changed(resource.type());
        }
    }

    /** A resource is gone. */
    public void remove(ResourceType type, UUID id) {
        registrar.remove(type, id);
        if (peerToPeer != null) {
            peerToPeer.changed(type);
        }
    }

    public RegistrationStatus status() {
        return registrar.status();
    }

    /** See {@link Registrar#addListener}. */
    public void addListener(Consumer<RegistrationStatus> listener) {
        registrar.addListener(listener);
    }

    /** Unregisters and stops advertising. */
    @Override
    public void close() {
        registrar.close();
        if (peerToPeer != null) {
            peerToPeer.close();
        }
    }
}
