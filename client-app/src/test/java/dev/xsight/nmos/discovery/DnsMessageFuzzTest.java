package dev.xsight.nmos.discovery;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what the DNS-SD browsers and the mDNS responder read from the network: any bytes as a DNS message.
 * Properties:
 * <ul>
 *   <li>{@link DnsMessage#decode} returns a message or throws {@link DnsFormatException} with an offset inside the
 *       packet; nothing else (a bad packet never kills a receive thread);
 *   <li>a decoded message encodes, and decodes back to itself;
 *   <li>resolving its records into service instances and NMOS services never throws.
 * </ul>
 * Runs its inputs as a regression test in every build; {@code ./monitor fuzz --target dns} fuzzes.
 */
class DnsMessageFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailWithAnOffset(byte[] data) {
        DnsMessage m;
        try {
            m = DnsMessage.decode(data);
        } catch (DnsFormatException e) {
            if (e.offset() < 0 || e.offset() > data.length) {
                throw new AssertionError("offset " + e.offset() + " outside a packet of " + data.length, e);
            }
            return;
        }
        DnsMessage back;
        try {
            back = DnsMessage.decode(m.encode());
        } catch (DnsFormatException e) {
            throw new AssertionError("a decoded message did not survive encoding: " + m, e);
        }
        if (!back.equals(m)) {
            throw new AssertionError("round trip changed " + m + " into " + back);
        }
        for (DnsRecord r : m.allRecords()) {
            for (ServiceInstance s : ServiceInstance.resolve(r.name(), m.allRecords())) {
                NmosService.from(s);
            }
        }
    }
}
