/**
 * Pushing files to hosts, host side: {@link jts.fleet.remote.install.InstallFileScript} ({@code install-file.sh}, the
 * one script every feature installs with, its arguments, its allowlist of paths, its answer),
 * {@link jts.fleet.remote.install.PushedFile} (path, mode, content, sha256) and what became of each file
 * ({@link jts.fleet.remote.install.FileOutcome}). Knows no feature: trim and monitor hand it their files. Never
 * opens a connection (the controller's {@code fleet.FileInstaller} runs it).
 */
package jts.fleet.remote.install;
