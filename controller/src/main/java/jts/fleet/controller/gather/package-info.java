/**
 * The one-exec gather step every command shares: {@link jts.fleet.controller.gather.HostGather} runs the fixed
 * gather script once per host and hands its output to remote-checks' parser and classifier;
 * {@link jts.fleet.controller.gather.Sysroots} says what a fixture tree standing in for a host allows. Never
 * parses host output itself.
 */
package jts.fleet.controller.gather;
