package jts.fleet.inventory;

import java.util.ArrayList;
import java.util.List;

import jts.fleet.inventory.Shape.Field;
import jts.fleet.inventory.Shape.Leaf;
import jts.fleet.inventory.Shape.ListOf;
import jts.fleet.inventory.Shape.Named;
import jts.fleet.inventory.Shape.Section;

/**
 * Renders docs/INVENTORY.md from {@link InventorySchema}, so the reference lists exactly the keys, defaults
 * and rules the loader applies. A test fails when the committed file differs from this output.
 */
public final class InventoryReference {
    private InventoryReference() {
    }

    private record Row(String key, String type, String defaultText, String rule, String doc) {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Inventory and policy reference

                <!-- Generated from jts.fleet.inventory.InventorySchema by InventoryReference; do not edit by hand.
                     InventoryReferenceTest fails when this file is stale. Regenerate with:
                     mvn -o -pl inventory test -Dtest=InventoryReferenceTest -Djts.golden.update=true -->

                ## Where the inventory comes from

                The first of these that exists is used:

                1. `--inventory FILE` (an explicit file that does not exist is an error, never a fallback)
                2. `./inventory.yaml` in the current directory
                3. `%s`
                4. the embedded default: one host `local` with `connection: local` and `become: none`, and the
                   embedded JTS policy (`default-policy.yaml`: tiers hot, warm and cold, US trading hours as blackout)

                ## How settings combine

                - Connection keys of a host: `defaults`, then the `vars` of each of its groups in the order the host
                  lists them (a later group wins), then the host's own keys. What the inventory leaves unset comes
                  from the OpenSSH client configuration (`~/.ssh/config`, `/etc/ssh/ssh_config`, or the file named
                  by `ssh_config` or `--ssh-config`), read for the host's name as `ssh -o HostName=ADDRESS
                  -o User=USER NAME` would read it; what that leaves unset takes the defaults listed below. So a host
                  may be just a name (`bar-target: {}`): address, user, port, keys and jump hosts then come from
                  ssh_config as for `ssh bar-target`. `inventory list --explain HOST` shows where each value came from.
                - Policy of a host: `policy` (the embedded JTS policy when the file has no `policy` key), then the
                  `policy` override of each of its groups in the host's group order, then the host's own `policy`
                  override.
                - Overrides merge like this: a tier with a name already in the policy is changed key by key
                  (`queue` and `thresholds` merge per key, `match`, `trim` and `canary` replace); a new tier name
                  is appended after the existing tiers. `maintenance` keys are replaced one by one (a `blackout`
                  list replaces the whole list). `bench.profiles.<profile>` merge per fio option.
                - Paths starting with `~/` are relative to the home directory of the user running jts-fleet.
                - A group exists as soon as a host lists it; `groups.<group>` only adds vars and policy. `all` is
                  reserved, and no name may be both a host and a group.

                ## Errors

                Every problem names the file, the line and the dotted key, and all problems of a file are
                reported at once, one per line, for example:

                    prod.yaml:14: hosts.db-02.port: 70000 is out of range 1..65535
                    prod.yaml:31: policy.tiers[0].queue.scheduler: "noop" is not one of none, mq-deadline, kyber, bfq: blk-mq has no 'noop' (writing it fails with EINVAL); use none

                Unknown keys are errors at every level (the message lists the allowed keys). Duplicate keys, YAML
                aliases and several documents in one file are refused. Device limits (a scheduler missing from a
                device's own list, a zoned device that must keep `mq-deadline`) are checked when a plan is made,
                not when the inventory is loaded.

                ## Host patterns (`--hosts`, `--limit`)

                Terms are separated by `,` or `:`. A term is `all` (or `*`), a host, a group, or a glob over host
                and group names (`db-*`, `db-0?`, `db-0[12]`). `&term` intersects, `!term` excludes. Plain terms
                are united first, then intersections apply, then exclusions, whatever the written order
                (`prod:&hot:!db-03`). A pattern of only `&`/`!` terms starts from all hosts. A plain name that is
                neither a host nor a group is an error, and so is a pattern that selects no host. `--limit P`
                intersects the selection with pattern `P`. Hosts are listed in inventory order.

                ## Keys

                `<host>`, `<group>` and `<profile>` stand for names you choose; `[]` marks the items of a list.

                | key | type | default | rule | meaning |
                |---|---|---|---|---|
                """.formatted(InventoryLoader.SYSTEM_INVENTORY));
        List<Row> rows = new ArrayList<>();
        section(InventorySchema.root(), "", rows);
        for (Row r : rows) {
            out.append("| `").append(r.key()).append("` | ").append(cell(r.type())).append(" | ")
                    .append(cell(r.defaultText())).append(" | ").append(cell(r.rule())).append(" | ")
                    .append(cell(r.doc())).append(" |\n");
        }
        out.append("\n## The embedded JTS policy (`default-policy.yaml`)\n\n")
                .append("Used when an inventory has no `policy` key. Its comments give the reasons for each value.\n\n")
                .append("```yaml\n").append(InventoryLoader.resource(InventoryLoader.DEFAULT_POLICY_RESOURCE))
                .append("```\n");
        out.append("\n## The embedded default inventory (`default-inventory.yaml`)\n\n")
                .append("```yaml\n").append(InventoryLoader.resource(InventoryLoader.DEFAULT_INVENTORY_RESOURCE))
                .append("```\n");
        return out.toString();
    }

    private static void section(Section section, String path, List<Row> rows) {
        for (Field f : section.fields()) {
            String key = InventorySchema.join(path, f.key());
            Shape shape = f.shape();
            if (f.sameAs() != null) {
                rows.add(new Row(key, "mapping", f.defaultText(), "same keys as `" + f.sameAs() + "`", f.doc()));
            } else if (shape instanceof Leaf leaf) {
                rows.add(new Row(key, leaf.rule().type(), f.defaultText(), leaf.rule().rule(), f.doc()));
            } else if (shape instanceof Section s) {
                rows.add(new Row(key, "mapping", f.defaultText(), "keys below", f.doc()));
                section(s, key, rows);
            } else if (shape instanceof Named named) {
                rows.add(new Row(key, "mapping of names", f.defaultText(), named.placeholder().replaceAll("[<>]", "")
                        + " names: " + named.nameRule().rule(), f.doc()));
                String child = key + "." + named.placeholder();
                if (named.value() instanceof Section s) {
                    section(s, child, rows);
                }
            } else if (shape instanceof Shape.OneOrList oneOrList) {
                rows.add(new Row(key, oneOrList.item().rule().type() + " or list of " + oneOrList.item().rule().type(),
                        f.defaultText(), oneOrList.item().rule().rule(), f.doc()));
            } else if (shape instanceof ListOf list) {
                if (list.item() instanceof Leaf leaf) {
                    rows.add(new Row(key, "list of " + leaf.rule().type(), f.defaultText(), leaf.rule().rule(),
                            f.doc()));
                } else if (list.item() instanceof Section s) {
                    rows.add(new Row(key, "list of mappings", f.defaultText(), "keys below", f.doc()));
                    section(s, key + "[]", rows);
                }
            }
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
