/**
 * OpenSSH key formats and fingerprints shared by authentication and host-key checking: public key lines
 * ({@code TYPE BASE64 COMMENT}), the clear head of {@code openssh-key-v1} private key files, and
 * {@code SHA256:} fingerprints. Pure: reads strings, never files, never the network.
 */
package jts.fleet.controller.transport.keys;
