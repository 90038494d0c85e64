package jts.fleet.controller.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network namespaces in a line, each reachable only from the one before it: the test's own (root) namespace is
 * linked to {@code ns0} by a veth pair on a link-local /30, {@code ns0} to {@code ns1} by another, and so on.
 * No namespace forwards packets and none has a route beyond its own links, so a server in {@code ns1} can be
 * reached from {@code ns0} only: from the root namespace only through an SSH jump host in {@code ns0}. The root
 * namespace gets an {@code unreachable} route for the chain's /24, or its default route would send those
 * addresses to the gateway (on some VMs a proxy there accepts any TCP connection).
 * {@link #close()} deletes the namespaces (and with them the veth pairs); a shutdown hook does it if the JVM exits
 * first. Needs root and {@code ip}.
 */
public final class NamespaceChain implements AutoCloseable {
    private final String id;
    private final int subnet;
    private final List<String> created = new ArrayList<>();
    private boolean routed;
    private final ExitCleanup exitCleanup = ExitCleanup.register("netns-cleanup", this::close);

    private NamespaceChain(String id, int subnet) {
        this.id = id;
        this.subnet = subnet;
    }

    /** {@code count} namespaces named {@code jtsf-ID-0}, {@code jtsf-ID-1} ... */
    public static NamespaceChain create(int count) throws IOException, InterruptedException {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        NamespaceChain chain = new NamespaceChain(id, ThreadLocalRandom.current().nextInt(16, 250));
        try {
            run("ip", "route", "add", "unreachable", chain.network());
            chain.routed = true;
            for (int i = 0; i < count; i++) {
                chain.add(i);
            }
            return chain;
        } catch (IOException | InterruptedException | RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    private void add(int index) throws IOException, InterruptedException {
        String netns = name(index);
        run("ip", "netns", "add", netns);
        created.add(netns);
        run("ip", "-n", netns, "link", "set", "lo", "up");
        String upstream = "jf" + id + "u" + index;
        String downstream = "jf" + id + "d" + index;
        run("ip", "link", "add", upstream, "type", "veth", "peer", "name", downstream);
        run("ip", "link", "set", downstream, "netns", netns);
        List<String> upstreamSide = new ArrayList<>(List.of("ip"));
        if (index > 0) {
            run("ip", "link", "set", upstream, "netns", name(index - 1));
            upstreamSide.addAll(List.of("-n", name(index - 1)));
        }
        Command.run(concat(upstreamSide, "addr", "add", upstreamAddress(index) + "/30", "dev", upstream));
        Command.run(concat(upstreamSide, "link", "set", upstream, "up"));
        run("ip", "-n", netns, "addr", "add", address(index) + "/30", "dev", downstream);
        run("ip", "-n", netns, "link", "set", downstream, "up");
        // a namespace never forwards: ns(i+1) is reachable from ns(i) only
        run("ip", "netns", "exec", netns, "sysctl", "-qw", "net.ipv4.ip_forward=0");
    }

    /** The chain's addresses: {@code 169.254.N.0/24}. */
    public String network() {
        return "169.254." + subnet + ".0/24";
    }

    /** The name of namespace {@code index}, for {@code ip netns exec}. */
    public String name(int index) {
        return "jtsf-" + id + "-" + index;
    }

    /** The address of namespace {@code index} on its link to the namespace before it (or the root namespace). */
    public String address(int index) {
        return "169.254." + subnet + "." + (4 * index + 2);
    }

    /** The other end of that link, in the namespace before (or the root namespace). */
    public String upstreamAddress(int index) {
        return "169.254." + subnet + "." + (4 * index + 1);
    }

    @Override
    public synchronized void close() {
        exitCleanup.unregister();
        List<String> failures = new ArrayList<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                run("ip", "netns", "del", created.get(i));
            } catch (IOException e) {
                failures.add(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted deleting " + created.get(i));
            }
        }
        created.clear();
        if (routed) {
            try {
                run("ip", "route", "del", "unreachable", network());
                routed = false;
            } catch (IOException e) {
                failures.add(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted deleting the route to " + network());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("network namespaces left behind: " + failures);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Command.run(List.of(command));
    }
}
