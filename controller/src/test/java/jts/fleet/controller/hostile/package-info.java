/**
 * Regression tests for misbehaving and hostile hosts (issue 13): hosts that print without end, send text
 * before their SSH banner, carry control characters in device and mount names, or hold a damaged state file.
 * Each test names the defect it guards against.
 */
package jts.fleet.controller.hostile;
