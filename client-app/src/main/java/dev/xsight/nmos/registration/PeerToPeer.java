package dev.xsight.nmos.registration;

/**
 * What a {@link Registrar} switches on when no registry exists (IS-04 "Discovery: Peer-to-Peer Operation": the
 * {@code _nmos-node._tcp} mDNS advertisement) and off once registered. Called on the registrar's thread; each call
 * changes the mode (enter while in it, or leave while out of it, does not happen).
 */
public interface PeerToPeer {
    void enter();

    void leave();

    /** For a node that does not do peer-to-peer (optional from v1.3). */
    PeerToPeer NONE = new PeerToPeer() {
        @Override
        public void enter() {
        }

        @Override
        public void leave() {
        }
    };
}
