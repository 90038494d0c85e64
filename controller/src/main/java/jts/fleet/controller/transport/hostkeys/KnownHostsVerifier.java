package jts.fleet.controller.transport.hostkeys;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.hierynomus.sshj.userauth.certificate.Certificate;

import jts.fleet.controller.transport.keys.KeyFingerprint;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * sshj's host key check for one connection attempt, with OpenSSH's known_hosts semantics ({@link HostKeyJudge}):
 * {@code @revoked} first, {@code @cert-authority} with certificate checks, plain keys, and an optional
 * {@code accept-new} that records unknown keys (never changed, revoked or CA-covered invalid ones). After a refusal
 * {@link #refusal()} holds the sentence for the user, because sshj itself only reports "Could not verify ... host
 * key"; after a recording {@link #recorded()} holds OpenSSH's "Permanently added" news.
 *
 * <p>Lines are matched against {@code host} on port 22 and {@code [host]:port} elsewhere (then against the bare
 * {@code host} when no line names {@code [host]:port}, as OpenSSH does), built from the exact address passed to
 * connect, and a host certificate's principals must contain that address ({@code HostName}).
 */
public final class KnownHostsVerifier implements HostKeyVerifier {
    private final String who;
    private final KnownHosts known;
    private final boolean acceptNew;
    private final Clock clock;
    private volatile String refusal;
    private volatile String recorded;

    /**
     * @param who   the host or hop, as messages name it ({@code db-01}, {@code db-01: jump host bastion ...})
     * @param known the lines of its known_hosts files; accept-new appends to {@link KnownHosts#recordFile()}
     */
    public KnownHostsVerifier(String who, KnownHosts known, boolean acceptNew, Clock clock) {
        this.who = who;
        this.known = known;
        this.acceptNew = acceptNew;
        this.clock = clock;
    }

    /** Why the key was refused, or empty when it was accepted (or not checked yet). */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** What accept-new appended during this connection ("Permanently added" in OpenSSH), or empty. */
    public Optional<String> recorded() {
        return Optional.ofNullable(recorded);
    }

    /** {@code host} on port 22, {@code [host]:port} elsewhere: the name known_hosts lines are matched against. */
    public static String lookupName(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 ? lower : "[" + lower + "]:" + port;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String lookup = lookupName(hostname, port);
        HostKeyVerdict verdict = HostKeyJudge.judge(known, hostname, port, key, clock.instant());
        String offered = KeyFingerprint.describe(key);
        if (verdict instanceof HostKeyVerdict.Trusted) {
            return true;
        }
        if (verdict instanceof HostKeyVerdict.Revoked revoked) {
            refusal = who + ": REVOKED " + revoked.what() + " " + revoked.entry().describeKey() + " for " + lookup
                    + " (@revoked at " + revoked.entry().where() + "); the host offered " + offered
                    + " — refusing to connect";
            return false;
        }
        if (verdict instanceof HostKeyVerdict.Changed changed) {
            refusal = who + ": host key changed for " + lookup + ": " + files() + " has "
                    + String.join(", ", changed.known().stream().map(e -> e.describeKey() + " (" + e.where() + ")")
                            .toList())
                    + ", host offered " + offered
                    + changed.certificateProblem().map(p -> " (" + p + ")").orElse("")
                    + " — possible man-in-the-middle; remove the old entry only if the change is expected";
            return false;
        }
        HostKeyVerdict.Unknown unknown = (HostKeyVerdict.Unknown) verdict;
        if (unknown.certificateProblem().isPresent()) {
            refusal = who + ": host certificate for " + lookup + " not accepted: " + unknown.certificateProblem().get()
                    + "; host offered " + offered;
            return false;
        }
        if (!acceptNew) {
            refusal = who + ": host key unknown (" + offered + ") for " + lookup
                    + " — verify it and rerun with --accept-new-host-keys";
            return false;
        }
        // Like OpenSSH, a certificate from a host no CA line covers is recorded as its plain key.
        PublicKey plain = key instanceof Certificate<?> certificate ? certificate.getKey() : key;
        String line = lookup + " " + KeyType.fromKey(plain) + " "
                + java.util.Base64.getEncoder().encodeToString(KeyFingerprint.blob(plain));
        try {
            KnownHostsWriter.append(known.recordFile(), line);
        } catch (IOException e) {
            refusal = who + ": cannot record host key " + KeyFingerprint.describe(plain) + " for " + lookup + " in "
                    + known.recordFile() + ": " + e.getMessage();
            return false;
        }
        recorded = who + ": recorded new host key " + KeyFingerprint.describe(plain) + " for " + lookup + " in "
                + known.recordFile();
        return true;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return new ArrayList<>(HostKeyJudge.preferredAlgorithms(known, lookupName(hostname, port)));
    }

    private String files() {
        return known.recordFile().toString();
    }
}
