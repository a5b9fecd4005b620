package dev.xsight.nmos;

/**
 * The IS-04 resource types a node owns, in the order a registry must receive them (a resource's parent first:
 * node, device, then sources, flows, senders and receivers).
 */
public enum ResourceType {
    NODE("node", "self"), DEVICE("device", "devices"), SOURCE("source", "sources"), FLOW("flow", "flows"),
    SENDER("sender", "senders"), RECEIVER("receiver", "receivers");

    private final String word;
    private final String nodeApiPath;

    ResourceType(String word, String nodeApiPath) {
        this.word = word;
        this.nodeApiPath = nodeApiPath;
    }

    /** The type as the Registration API names it ({@code "type"} of a POST body). */
    public String word() {
        return word;
    }

    /** The Node API path segment ({@code self}, {@code devices} …); the Registration API uses {@code word() + "s"}. */
    public String nodeApiPath() {
        return nodeApiPath;
    }
}
