/**
 * The fan-out engine: {@link jts.fleet.controller.fleet.FleetRunner} runs one
 * {@link jts.fleet.controller.fleet.HostTask} on many hosts ({@code forks}, serial batches, max-fail, the run
 * deadline) and hands back exactly one typed {@link jts.fleet.controller.fleet.HostResult} per host, as hosts
 * finish; {@link jts.fleet.controller.fleet.Recap} counts them like Ansible's recap;
 * {@link jts.fleet.controller.fleet.RunSettings} holds the deadlines, clock and output caps of one command;
 * {@link jts.fleet.controller.fleet.StopSignal} is the operator's Ctrl-C. Knows nothing of what a task does on a
 * host, of picocli or of output formats.
 */
package jts.fleet.controller.fleet;
