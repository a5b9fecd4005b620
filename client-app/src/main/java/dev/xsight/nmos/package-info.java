/**
 * AMWA NMOS for the monitor as a JPEG XS receiver: IS-04 discovery and registration, IS-05 connection management,
 * with the receiver capabilities of BCP-004-01 and BCP-006-01.
 */
package dev.xsight.nmos;
