/**
 * Compile-only mirror of the parts of the Velocity 3.x API that LedgerNet uses.
 *
 * <p>Velocity's API is not published on Maven Central, so these types are hand-written to be
 * binary-compatible with the real ones (same kind, nesting, erased descriptors, generic
 * hierarchies, default/abstract status and annotation members). At runtime inside a Velocity
 * proxy the real classes are loaded instead; this module is never packaged into the plugin.
 * See {@code velocity/api-mirror/README.md}.
 */
package com.velocitypowered.api;
