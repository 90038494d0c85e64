package jts.fleet.controller.transport.hostkeys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the known_hosts files say about the key a host presented. */
public sealed interface HostKeyVerdict {

    /** A line vouches for the key: a plain host key line, or a {@code @cert-authority} line and a valid certificate. */
    record Trusted(String how) implements HostKeyVerdict {
        public Trusted {
            Objects.requireNonNull(how, "how");
        }
    }

    /**
     * A {@code @revoked} line names the host key, the key inside its certificate or the certificate's CA key. Wins
     * over every other line, in whatever order the lines come.
     *
     * @param entry the {@code @revoked} line
     * @param what  which key it names: {@code host key} or {@code certificate authority}
     */
    record Revoked(KnownHostsEntry entry, String what) implements HostKeyVerdict {
        public Revoked {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(what, "what");
        }
    }

    /** Lines name other keys for this host (of any type): possibly a man in the middle. */
    record Changed(List<KnownHostsEntry> known, Optional<String> certificateProblem) implements HostKeyVerdict {
        public Changed {
            known = List.copyOf(known);
            Objects.requireNonNull(certificateProblem, "certificateProblem");
        }
    }

    /**
     * No line names a key for this host. {@code certificateProblem} says why a certificate the host presented was
     * not accepted through a {@code @cert-authority} line that names the host; then accept-new records nothing (a
     * CA covers the host, and what it signed is not valid).
     */
    record Unknown(Optional<String> certificateProblem) implements HostKeyVerdict {
        public Unknown {
            Objects.requireNonNull(certificateProblem, "certificateProblem");
        }
    }
}
