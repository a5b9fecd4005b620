/**
 * The ST 2110-22 send side: {@link dev.xsight.st2110.send.Packetizer} cuts codestreams into RFC 9134 packets,
 * {@link dev.xsight.st2110.send.St2110Sender} paces them onto the network, {@link dev.xsight.st2110.send.EncodedLoop}
 * holds an encoded loop, and {@link dev.xsight.st2110.send.St2110LoopbackSource} plays a source through a sender to
 * a local receiver.
 */
package dev.xsight.st2110.send;
