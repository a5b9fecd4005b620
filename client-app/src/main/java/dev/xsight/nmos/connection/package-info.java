/**
 * AMWA IS-05 v1.1 connection management of the node's one JPEG XS receiver: the Connection API
 * ({@link dev.xsight.nmos.connection.ConnectionApi}), the staged and active parameters with their activations
 * ({@link dev.xsight.nmos.connection.ReceiverConnection}, one thread) and the receive pipeline an activation drives
 * ({@link dev.xsight.nmos.connection.St2110Pipeline}).
 */
package dev.xsight.nmos.connection;
