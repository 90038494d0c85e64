/**
 * The maintenance-window judgements every command asks, each made in one place: {@link
 * jts.fleet.controller.maintenance.ChangeFreeze} (may this host be changed or loaded now, or is it inside a
 * blackout window?) and {@link jts.fleet.controller.maintenance.ScheduleCheck} (does the TRIM schedule ever start
 * inside a window?). Both decide from the inventory and the clock alone: never a connection, never host output.
 */
package jts.fleet.controller.maintenance;
