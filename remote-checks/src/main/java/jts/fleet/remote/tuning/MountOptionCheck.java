package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.MountOptionExpectation;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StorageModel;

/**
 * The one judgement of a tier's {@code mount_options} against the host's mounts: per storage mount of the tier
 * and expectation, what the mount has (from mountinfo's mount and super options, as the kernel shows them) and,
 * when it differs, how to fix it in fstab. jts-fleet never remounts: that would interrupt the I/O of whatever
 * runs on the mount. Kernel defaults the NFS client does not print count as what they are: {@code nconnect}
 * absent is 1, and an NFS mount without {@code soft}/{@code softerr} is hard. An NFS-only option is not
 * expected of a CIFS mount and the other way round.
 */
public final class MountOptionCheck {
    /** Options only the NFS client knows; on a CIFS mount an expectation of them does not apply. */
    static final java.util.Set<String> NFS_ONLY = java.util.Set.of("nfsvers", "minorversion", "nconnect",
            "max_connect", "softerr", "softreval", "nosoftreval", "timeo", "retrans", "proto", "mountproto",
            "mountport", "lookupcache", "local_lock", "lock", "nolock", "fsc", "nofsc", "sharecache", "nosharecache",
            "resvport", "noresvport", "rdirplus", "nordirplus", "namlen", "clientaddr", "mountaddr", "cto", "nocto",
            "trunkdiscovery", "notrunkdiscovery");
    /** Options only the CIFS client knows; on an NFS mount an expectation of them does not apply. */
    static final java.util.Set<String> CIFS_ONLY = java.util.Set.of("cache", "multichannel", "max_channels",
            "nosharesock", "max_credits", "echo_interval", "seal", "sign", "mfsymlinks", "noperm", "nobrl",
            "serverino", "noserverino", "closetimeo", "handletimeout", "persistenthandles", "resilienthandles",
            "file_mode", "dir_mode", "forceuid", "forcegid", "noforceuid", "noforcegid", "username", "domain",
            "iocharset", "nounix", "unix", "cifsacl", "nocase");

    private MountOptionCheck() {
    }

    /** Options every filesystem takes (the VFS layer's); the others are NFS or CIFS client options. */
    static final java.util.Set<String> GENERIC = java.util.Set.of("ro", "rw", "noatime", "relatime", "strictatime",
            "nodiratime", "noexec", "nosuid", "nodev", "sync", "async", "lazytime", "discard", "nodiscard");

    /**
     * Whether an expectation of {@code option} means anything for a mount of {@code fstype}: generic options for
     * every mount, NFS client options for NFS, CIFS client options for CIFS (both for the ones they share, such
     * as {@code hard} or {@code rsize}); a FUSE filesystem (sshfs) gets only the generic ones.
     */
    static boolean applies(String option, String fstype) {
        if (GENERIC.contains(option)) {
            return true;
        }
        boolean nfs = fstype.startsWith("nfs");
        boolean cifs = fstype.equals("cifs") || fstype.equals("smb3");
        return (nfs && !CIFS_ONLY.contains(option)) || (cifs && !NFS_ONLY.contains(option));
    }

    /**
     * One expectation compared with one mount: {@code ok}, else {@code fix} says what to change. A fact, not a
     * judged finding: {@code plan} lists every one, {@code verify} turns the differing ones into drift.
     */
    public record Result(String mount, String tier, String fstype, String expected, String actual, boolean ok,
                          String fix) {
    }

    public static List<Result> check(StorageModel model, Policy policy) {
        List<Result> results = new ArrayList<>();
        for (Mount m : model.snapshot().mounts()) {
            if (!m.isStorage() || m.bindOf().isPresent()) {
                continue; // a bind mount has the options of the filesystem it shows: checked there
            }
            Optional<Tier> tier = model.tierOfMount(m.path()).flatMap(policy::tier);
            if (tier.isEmpty()) {
                continue;
            }
            for (MountOptionExpectation e : tier.get().mountOptions()) {
                if (applies(e.name(), m.fstype())) {
                    results.add(check(m, tier.get().name(), e));
                }
            }
        }
        return results;
    }

    static Result check(Mount m, String tier, MountOptionExpectation e) {
        Map<String, String> options = options(m);
        boolean nfs = m.fstype().startsWith("nfs");
        Optional<String> own = Optional.ofNullable(options.get(e.name()));
        Optional<String> value = own.isEmpty() && nfs && (e.name().equals("vers") || e.name().equals("nfsvers"))
                ? Optional.ofNullable(options.get(e.name().equals("vers") ? "nfsvers" : "vers")) : own;
        boolean present = options.containsKey(e.name());
        String actual;
        boolean ok;
        switch (e.op()) {
            case PRESENT -> {
                boolean impliedHard = nfs && e.name().equals("hard") && !options.containsKey("soft")
                        && !options.containsKey("softerr");
                ok = present || impliedHard;
                actual = present ? "present" : impliedHard ? "hard (the default: no soft or softerr)" : "absent";
            }
            case ABSENT -> {
                ok = !present;
                actual = present ? "present" + value.map(v -> "=" + v).orElse("") : "absent";
            }
            case EQUALS -> {
                ok = value.filter(v -> v.equals(e.value().orElseThrow())).isPresent();
                actual = value.map(v -> e.name() + "=" + v).orElse("absent");
            }
            default -> {
                Optional<Long> number = value.flatMap(MountOptionCheck::number);
                if (number.isEmpty() && nfs && e.name().equals("nconnect") && value.isEmpty()) {
                    number = Optional.of(1L); // the NFS client prints nconnect only when above 1
                }
                long limit = Long.parseLong(e.value().orElseThrow());
                ok = number.isPresent() && (e.op() == MountOptionExpectation.Op.AT_LEAST
                        ? number.get() >= limit : number.get() <= limit);
                actual = number.map(n -> e.name() + "=" + n + (value.isEmpty() ? " (the default)" : ""))
                        .orElse(value.map(v -> e.name() + "=" + v).orElse("absent"));
            }
        }
        return new Result(m.path(), tier, m.fstype(), e.text(), actual, ok, ok ? "" : fix(m, e));
    }

    private static String fix(Mount m, MountOptionExpectation e) {
        String change = switch (e.op()) {
            case PRESENT -> "add the option " + e.name();
            case ABSENT -> "remove the option " + e.name();
            case EQUALS -> "set " + e.name() + "=" + e.value().orElseThrow();
            case AT_LEAST, AT_MOST -> "set " + e.name() + "=" + e.value().orElseThrow()
                    + (e.op() == MountOptionExpectation.Op.AT_LEAST ? " (or more)" : " (or less)");
        };
        return change + " in the /etc/fstab entry (or automount map) of " + m.path() + " and remount it when its "
                + "users allow; jts-fleet never remounts";
    }

    /** mountinfo's per-mount and super options, later ones winning (the super block's are the filesystem's). */
    static Map<String, String> options(Mount m) {
        Map<String, String> options = new LinkedHashMap<>();
        for (List<String> list : List.of(m.mountOptions(), m.superOptions())) {
            for (String option : list) {
                int eq = option.indexOf('=');
                options.put(eq < 0 ? option : option.substring(0, eq), eq < 0 ? "" : option.substring(eq + 1));
            }
        }
        return options;
    }

    /** The options worth showing for a network mount: version, connections, transfer sizes, hard/soft, transport. */
    public static String shown(Mount m) {
        Map<String, String> options = options(m);
        List<String> shown = new ArrayList<>();
        for (String key : List.of("vers", "nfsvers", "nconnect", "rsize", "wsize", "hard", "soft", "softerr", "proto",
                "cache", "multichannel", "max_channels")) {
            if (options.containsKey(key)) {
                shown.add(options.get(key).isEmpty() ? key : key + "=" + options.get(key));
            }
        }
        return shown.isEmpty() ? "-" : String.join(",", shown);
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
