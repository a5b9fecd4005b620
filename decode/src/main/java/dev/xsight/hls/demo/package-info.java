/**
 * The built-in HLS feed: {@link dev.xsight.hls.demo.DemoHlsServer} serves the OTS test stream from a Netty
 * {@link dev.xsight.hls.demo.LoopbackHttpServer}; {@link dev.xsight.hls.demo.DemoOtsSourceProvider} lists it as a
 * source.
 */
package dev.xsight.hls.demo;
