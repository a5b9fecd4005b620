/**
 * NMOS in the shell: the node that runs while the main window is open (IS-04 Node API, IS-05 Connection API,
 * registration), the routed stream as the main viewer's source ("NMOS: routed from …"), and the registry browser
 * that lists the facility's JPEG XS senders (Query API) and connects one to this monitor through our own IS-05
 * receiver, as a controller would.
 */
package dev.xsight.shell.nmos;
