/**
 * OpenSSH client configuration ({@code ~/.ssh/config}, {@code /etc/ssh/ssh_config}, {@code -F FILE}) as OpenSSH 9
 * reads it: {@link SshConfigFile} tokenizes and checks one file, {@link SshConfig} evaluates {@code Host} and
 * {@code Match} blocks and {@code Include}s for one host name with first-obtained-value-wins semantics and returns
 * an {@link SshConfigResult} whose values remember their {@code file:line}, asked for by the keyword's constant
 * ({@link SshKeywords.Keyword}, the one spelling of each keyword jts-fleet reads); {@link SshTokens} expands {@code ~},
 * {@code %} tokens and {@code ${VAR}} like {@code ssh} does. {@code ssh -G} is the oracle of the tests.
 *
 * <p>Never opens a connection, never runs a command ({@code Match exec} is refused where its result would matter)
 * and reads nothing but the configuration files and what {@link SshEnvironment#system()} takes from the process.
 */
package jts.fleet.inventory.sshconfig;
