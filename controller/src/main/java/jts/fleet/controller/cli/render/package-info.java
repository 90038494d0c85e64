/**
 * The {@code render} commands, one per class ({@link jts.fleet.controller.cli.render.RenderGroup}): the artifacts
 * jts-fleet generates (TRIM units, udev rules, alert rules, dashboard), printed or written on the controller. Only
 * {@code udev} reads a host (its devices, through the tuning engine's plan); the renderers themselves live in
 * remote-checks. Never writes to a host and never imports another command family.
 */
package jts.fleet.controller.cli.render;
