package jts.fleet.controller.transport.hostkeys;

import java.time.Instant;
import java.util.Optional;

import com.hierynomus.sshj.userauth.certificate.Certificate;

import jts.fleet.controller.transport.keys.KeyFingerprint;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.signature.Signature;

/**
 * What makes a host certificate valid for the name we connected to, as OpenSSH's client checks it
 * ({@code check_host_cert}): a host certificate (not a user one), a principal equal to the name (compared exactly;
 * an empty principal list means any host), inside its validity window, no critical options (none is defined for
 * hosts), and signed by the CA key it names. Whether that CA is trusted for the host is the known_hosts
 * {@code @cert-authority} lines' business ({@link HostKeyJudge}).
 */
public final class HostCertificateRules {
    /** SSH2_CERT_TYPE_HOST in OpenSSH's PROTOCOL.certkeys. */
    static final long HOST_CERTIFICATE = 2;

    private HostCertificateRules() {
    }

    /**
     * @param certificate the certificate the host presented
     * @param name        the name we connected to ({@code HostName}, the address): what a principal must equal
     * @param now         the time to check the validity window against
     * @return why the certificate is not valid, or empty when it is
     */
    public static Optional<String> problem(Certificate<?> certificate, String name, Instant now) {
        if (certificate.getType() != HOST_CERTIFICATE) {
            return Optional.of("certificate is a user certificate (type " + certificate.getType()
                    + "), not a host certificate");
        }
        if (!certificate.getValidPrincipals().isEmpty() && !certificate.getValidPrincipals().contains(name)) {
            return Optional.of("certificate principals " + certificate.getValidPrincipals() + " do not include "
                    + name);
        }
        Instant validAfter = certificate.getValidAfter().toInstant();
        Instant validBefore = certificate.getValidBefore().toInstant();
        if (now.isBefore(validAfter)) {
            return Optional.of("certificate is not valid before " + validAfter);
        }
        if (!now.isBefore(validBefore)) {
            return Optional.of("certificate expired at " + validBefore);
        }
        if (!certificate.getCritOptions().isEmpty()) {
            return Optional.of("certificate has critical options " + certificate.getCritOptions().keySet()
                    + ", which host certificates cannot honour");
        }
        return signatureProblem(certificate);
    }

    /** Checks the CA's signature over the certificate's bytes (everything but the signature itself). */
    static Optional<String> signatureProblem(Certificate<?> certificate) {
        try {
            byte[] signature = certificate.getSignature();
            String algorithm = new Buffer.PlainBuffer(signature).readString();
            Signature verifier = Factory.Named.Util.create(KeyType.CertUtils.ALL_SIGNATURES, algorithm);
            if (verifier == null) {
                return Optional.of("certificate signed with unsupported algorithm " + algorithm);
            }
            byte[] signed = KeyFingerprint.blob(certificate);
            verifier.initVerify(new Buffer.PlainBuffer(certificate.getSignatureKey()).readPublicKey());
            // The signature is the last field: a string (4-byte length, then the signature blob).
            verifier.update(signed, 0, signed.length - signature.length - 4);
            return verifier.verify(signature) ? Optional.empty()
                    : Optional.of("certificate signature does not verify with the CA key it names");
        } catch (Buffer.BufferException | SSHRuntimeException e) {
            return Optional.of("certificate signature unreadable: " + e.getMessage());
        }
    }
}
