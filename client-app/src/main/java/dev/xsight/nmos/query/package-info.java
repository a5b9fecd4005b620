/**
 * An IS-04 v1.3 Query API client: paged GETs ({@link dev.xsight.nmos.query.QueryClient}), websocket
 * subscriptions with their grain messages, and the live list of the facility's JPEG XS senders
 * ({@link dev.xsight.nmos.query.JxsSenderList}) that the shell's registry browser shows.
 */
package dev.xsight.nmos.query;
