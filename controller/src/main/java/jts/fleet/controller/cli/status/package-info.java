/**
 * What the hosts have, one command per class: {@code status} ({@link jts.fleet.controller.cli.status.Status}, with
 * its JSON view, text view and {@code --report} files in classes of their own) and {@code snapshot} (the raw gather
 * output saved). Both read each host once through {@code jts.fleet.controller.gather}; classification, tiers and
 * drift come from remote-checks' model and planner, never from here. Never changes a host and never imports another
 * command family.
 */
package jts.fleet.controller.cli.status;
