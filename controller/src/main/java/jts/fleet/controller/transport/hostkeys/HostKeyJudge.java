package jts.fleet.controller.transport.hostkeys;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.hierynomus.sshj.userauth.certificate.Certificate;

import jts.fleet.controller.transport.hostkeys.KnownHostsEntry.Marker;
import jts.fleet.controller.transport.keys.KeyFingerprint;

/**
 * Decides what known_hosts says about a presented host key, in OpenSSH's order:
 * <ol>
 *   <li>{@code @revoked} lines naming the host key, the key inside a certificate or the certificate's CA: refused,
 *       whatever other lines say and in whatever order they come;</li>
 *   <li>a certificate signed by a CA that a {@code @cert-authority} line trusts for the host, and valid for the name
 *       we connected to ({@link HostCertificateRules}): trusted;</li>
 *   <li>otherwise the plain key (a certificate's key without the certificate, as OpenSSH retries it): trusted when a
 *       line lists it for the host, changed when lines list only other keys (of any type), unknown when none;</li>
 *   <li>a host on a port other than 22 that no line names as {@code [host]:port} is looked up once more under its
 *       bare name, read-only, and trusted when that finds its key or a CA for it (OpenSSH's "checking without port
 *       identifier"); nothing else of that second look counts.</li>
 * </ol>
 * Pure: the caller supplies the parsed files and the time.
 */
public final class HostKeyJudge {
    private HostKeyJudge() {
    }

    /**
     * @param known      the known_hosts lines
     * @param hostName   the name we connected to, which a host certificate's principals must contain
     * @param port       the port: off 22, lines name the host as {@code [host]:port}
     * @param offered    the key the host presented (a {@link Certificate} for certificate algorithms)
     * @param now        the time for certificate validity
     */
    public static HostKeyVerdict judge(KnownHosts known, String hostName, int port, PublicKey offered, Instant now) {
        String lookupName = KnownHostsVerifier.lookupName(hostName, port);
        HostKeyVerdict verdict = judge(known, lookupName, hostName, offered, now);
        if (port != 22 && verdict instanceof HostKeyVerdict.Unknown) {
            String bare = KnownHostsVerifier.lookupName(hostName, 22);
            if (judge(known, bare, hostName, offered, now) instanceof HostKeyVerdict.Trusted trusted) {
                return new HostKeyVerdict.Trusted(trusted.how() + ", listed as " + bare + " without the port");
            }
        }
        return verdict;
    }

    /** The verdict for one lookup name ({@code host} or {@code [host]:port}). */
    static HostKeyVerdict judge(KnownHosts known, String lookupName, String hostName, PublicKey offered,
            Instant now) {
        Certificate<?> certificate = offered instanceof Certificate<?> c ? c : null;
        byte[] plainBlob = KeyFingerprint.blob(certificate != null ? certificate.getKey() : offered);
        for (KnownHostsEntry revoked : known.applying(Marker.REVOKED, lookupName)) {
            if (revoked.key().sameBlob(plainBlob)) {
                return new HostKeyVerdict.Revoked(revoked, "host key");
            }
            if (certificate != null && revoked.key().sameBlob(certificate.getSignatureKey())) {
                return new HostKeyVerdict.Revoked(revoked, "certificate authority");
            }
        }
        Optional<String> certificateProblem = Optional.empty();
        if (certificate != null) {
            List<KnownHostsEntry> authorities = known.applying(Marker.CERT_AUTHORITY, lookupName);
            List<KnownHostsEntry> signers = authorities.stream()
                    .filter(entry -> entry.key().sameBlob(certificate.getSignatureKey())).toList();
            if (!signers.isEmpty()) {
                Optional<String> problem = HostCertificateRules.problem(certificate, hostName, now);
                if (problem.isEmpty()) {
                    return new HostKeyVerdict.Trusted("certificate signed by CA " + signers.get(0).describeKey()
                            + " (" + signers.get(0).where() + ")");
                }
                certificateProblem = Optional.of(problem.get() + " (CA " + signers.get(0).describeKey() + ", "
                        + signers.get(0).where() + ")");
            } else if (!authorities.isEmpty()) {
                certificateProblem = Optional.of("certificate signed by CA " + caDescription(certificate)
                        + ", which no @cert-authority line trusts for " + lookupName + " (known: "
                        + describe(authorities) + ")");
            }
        }
        List<KnownHostsEntry> hostLines = known.applying(Marker.HOST_KEY, lookupName);
        for (KnownHostsEntry line : hostLines) {
            if (line.key().sameBlob(plainBlob)) {
                return new HostKeyVerdict.Trusted("known host key (" + line.where() + ")");
            }
        }
        if (!hostLines.isEmpty()) {
            return new HostKeyVerdict.Changed(hostLines, certificateProblem);
        }
        return new HostKeyVerdict.Unknown(certificateProblem);
    }

    /**
     * Host key algorithms to prefer for {@code lookupName}, as OpenSSH orders them from known_hosts: certificate
     * algorithms when a {@code @cert-authority} line names the host, and the types of its known plain keys (an RSA
     * key also as rsa-sha2-512/256, the signatures OpenSSH servers use).
     */
    public static List<String> preferredAlgorithms(KnownHosts known, String lookupName) {
        List<String> algorithms = new ArrayList<>();
        if (!known.applying(Marker.CERT_AUTHORITY, lookupName).isEmpty()) {
            algorithms.addAll(List.of("ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
                    "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com"));
        }
        for (KnownHostsEntry line : known.applying(Marker.HOST_KEY, lookupName)) {
            String type = line.key().type();
            if (type.equals("ssh-rsa")) {
                algorithms.addAll(List.of("rsa-sha2-512", "rsa-sha2-256"));
            }
            algorithms.add(type);
        }
        return algorithms;
    }

    private static String caDescription(Certificate<?> certificate) {
        try {
            PublicKey ca = new net.schmizz.sshj.common.Buffer.PlainBuffer(certificate.getSignatureKey())
                    .readPublicKey();
            return KeyFingerprint.describe(ca);
        } catch (net.schmizz.sshj.common.Buffer.BufferException e) {
            return KeyFingerprint.sha256(certificate.getSignatureKey());
        }
    }

    private static String describe(List<KnownHostsEntry> entries) {
        List<String> parts = new ArrayList<>();
        for (KnownHostsEntry entry : entries) {
            parts.add(entry.describeKey() + " at " + entry.where());
        }
        return String.join(", ", parts);
    }
}
