/**
 * The fixed host scripts as shipped: {@link jts.fleet.remote.script.ScriptResources} reads a resource of this jar,
 * the one place a missing script is reported (a broken build). Knows no script's arguments or output: those belong
 * to the family that runs it ({@code tuning}, {@code trim}, {@code bench}, {@code monitor}, {@code install}).
 * Never opens a connection.
 */
package jts.fleet.remote.script;
