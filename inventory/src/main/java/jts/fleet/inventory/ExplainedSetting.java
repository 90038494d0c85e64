package jts.fleet.inventory;

/**
 * One effective connection value of a host and where it came from.
 *
 * @param setting the inventory key it corresponds to ({@code user}, {@code proxy_jump}, ...)
 * @param value   the effective value as text ({@code -} when nothing is set)
 * @param origin  where it came from
 */
public record ExplainedSetting(String setting, String value, Origin origin) {
}
