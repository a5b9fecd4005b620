/**
 * The NMOS node: the IS-04 v1.3 Node API ({@code NodeApi}) and the assembly of model, HTTP server, Node API and
 * IS-05 Connection API that the CLI and the shell start ({@link dev.xsight.nmos.node.NmosNode}).
 */
package dev.xsight.nmos.node;
