/**
 * JSON for the whole project: {@link jts.fleet.remote.json.JsonMappers} is the one place an
 * {@code ObjectMapper} is built (Optional and java.time support registered). Nothing here knows a schema.
 */
package jts.fleet.remote.json;
