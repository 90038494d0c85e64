/**
 * Host key checking with OpenSSH's known_hosts semantics: host patterns ({@code *}, {@code ?}, {@code !},
 * {@code [host]:port}, hashed names), {@code @revoked} before anything else, {@code @cert-authority} with host
 * certificate checks (type, principals, validity, CA signature), strict checking and accept-new (recorded in a
 * file created 0600 in a directory created 0700). Reads and appends known_hosts files; never opens a connection.
 */
package jts.fleet.controller.transport.hostkeys;
