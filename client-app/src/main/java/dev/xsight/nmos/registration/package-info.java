/**
 * The IS-04 v1.3 Registration API client: {@link dev.xsight.nmos.registration.Registrar} registers a node's
 * resources in order, heartbeats, re-registers when the registry forgot us, fails over between registries by the
 * IS-04 priority rules, and falls back to peer-to-peer mode when there is no registry.
 */
package dev.xsight.nmos.registration;
