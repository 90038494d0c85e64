/**
 * Public key authentication as OpenSSH's client does it: ssh-agent identities ({@code SSH_AUTH_SOCK} or
 * {@code IdentityAgent}, through sshj's agent client), identity files in order with {@code IdentitiesOnly},
 * user certificates ({@code KEY-cert.pub}, {@code CertificateFile}), passphrases asked once per run on the
 * terminal, and OpenSSH's refusal of private keys accessible by others. Reads key files and talks to the agent;
 * the SSH connection is given to it already open.
 */
package jts.fleet.controller.transport.auth;
