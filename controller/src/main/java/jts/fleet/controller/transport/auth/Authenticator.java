package jts.fleet.controller.transport.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import com.hierynomus.sshj.userauth.agent.AgentIdentity;
import com.hierynomus.sshj.userauth.agent.AuthAgent;
import com.hierynomus.sshj.userauth.agent.UnixSocketAgentConnection;
import com.hierynomus.sshj.userauth.certificate.Certificate;

import jts.fleet.controller.transport.keys.KeyFingerprint;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.Service;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthMethod;

/**
 * Public key authentication in OpenSSH's order ({@code pubkey_prepare} in sshconnect2.c): the agent's identities
 * first, in the agent's order (an agent key that is also a configured identity file stands in for the file, so its
 * passphrase is never needed); then the identity files not served by the agent, each followed by its
 * {@code KEY-cert.pub}; then {@code CertificateFile}s, each signed by the agent or file holding its key.
 * {@code IdentitiesOnly} drops agent keys that are not configured files. Unusable files (missing, unprotected,
 * undecryptable) are skipped with their reason; the failure names everything tried.
 *
 * <p>An identity file's key is offered signed at once ({@link SignedPublickey}: one round trip instead of a question
 * and then the signature), an encrypted one after the server said it would take it ({@link ProbePublickey});
 * agent keys are offered as a question first, since the agent may need its user for every signature.
 */
public final class Authenticator {
    private final KeyRing keys;

    public Authenticator(KeyRing keys) {
        this.keys = keys;
    }

    /**
     * One identity to offer: a label for messages and, made when its turn comes, sshj's method. An encrypted key
     * file not decrypted yet in this run has a probe: whether the server takes its public key, asked before the
     * passphrase.
     */
    private record Candidate(String label, MethodSource method, Optional<Probe> probe, boolean byAgent) {
        Candidate(String label, MethodSource method, Optional<Probe> probe) {
            this(label, method, probe, false);
        }

        /** An identity the agent signs for. */
        static Candidate agent(String label, MethodSource method) {
            return new Candidate(label, method, Optional.empty(), true);
        }
    }

    /** The offer without signature, and what to do on this thread once the server said it would accept it. */
    private record Probe(AuthMethod offer, Preparation prepare) {
    }

    @FunctionalInterface
    private interface Preparation {
        void run() throws UnusableIdentity;
    }

    @FunctionalInterface
    private interface MethodSource {
        AuthMethod create() throws UnusableIdentity;
    }

    /** An identity that turned out unusable when its turn came (e.g. a legacy key file that needs a passphrase). */
    private static final class UnusableIdentity extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableIdentity(String message) {
            super(message, null, false, false);
        }
    }

    /** An identity file entry: the key or certificate it offers, and the file holding the private key. */
    private record FileOffer(Path shownAs, Path keyFile, Optional<PublicKey> offered, boolean certificate) {
    }

    /**
     * Authenticates {@code client} as {@code user}.
     *
     * @param who   the host or hop, as messages name it
     * @param where {@code address:port}, for messages
     * @return the label of the identity the server accepted
     * @throws AuthenticationFailure when every identity was refused or unusable (names each)
     * @throws TransportException    when the connection broke meanwhile
     */
    public String authenticate(SSHClient client, String who, String user, String where, IdentityPlan plan)
            throws AuthenticationFailure, TransportException {
        return authenticate(client, who, user, where, plan, ConnectDeadline.NONE);
    }

    /**
     * Authenticates {@code client} as {@code user} within the connect's {@code deadline}: the agent connection is
     * closed when it passes, and the time spent asking the operator for a passphrase does not count.
     */
    public String authenticate(SSHClient client, String who, String user, String where, IdentityPlan plan,
            ConnectDeadline deadline) throws AuthenticationFailure, TransportException {
        List<String> notes = new ArrayList<>();
        AgentSigner agent = null;
        List<AgentIdentity> agentKeys = List.of();
        if (plan.agent().isPresent()) {
            AgentSocket socket = plan.agent().get();
            deadline.waitingFor("answer of ssh-agent " + socket.describe(), ConnectDeadline.AGENT_HINT);
            try {
                UnixSocketAgentConnection connection = new UnixSocketAgentConnection(socket.path().toString());
                deadline.closeAtDeadline(connection);
                agent = new AgentSigner(connection);
                agentKeys = agent.getIdentities();
                if (agentKeys.isEmpty()) {
                    notes.add("agent " + socket.describe() + " holds no keys");
                }
            } catch (IOException e) {
                notes.add("agent " + socket.describe() + " unreachable: " + rootMessage(e));
                closeQuietly(agent);
                agent = null;
            }
        } else {
            notes.add(plan.noAgentReason());
        }
        try {
            List<Candidate> candidates = candidates(plan, agent, agentKeys, notes);
            return tryAll(client, who, user, where, candidates, notes, deadline);
        } finally {
            closeQuietly(agent);
        }
    }

    private List<Candidate> candidates(IdentityPlan plan, AgentSigner agent, List<AgentIdentity> agentKeys,
            List<String> notes) {
        List<FileOffer> files = new ArrayList<>();
        List<IdentityFile> usable = new ArrayList<>();
        for (Path path : plan.identityFiles()) {
            IdentityFile file = keys.inspect(path);
            if (file.problem().isPresent()) {
                if (!(plan.defaultFiles() && file.problem().get().equals("does not exist"))) {
                    notes.add(path + ": " + file.problem().get());
                }
                continue;
            }
            usable.add(file);
            files.add(new FileOffer(path, path, file.publicKey(), false));
            file.certificate().ifPresent(certificate -> files.add(
                    new FileOffer(IdentityFile.certificatePath(path), path, Optional.of(certificate), true)));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (AgentIdentity identity : agentKeys) {
            byte[] blob = KeyFingerprint.blob(identity.getPublicKey());
            Optional<FileOffer> configured = files.stream().filter(offer -> offer.offered().isPresent()
                    && Arrays.equals(KeyFingerprint.blob(offer.offered().get()), blob)).findFirst();
            if (configured.isPresent()) {
                files.remove(configured.get());
                candidates.add(agentCandidate(configured.get().shownAs() + " (via agent)", agent, identity));
            } else if (!plan.identitiesOnly()) {
                String comment = identity.getComment() == null || identity.getComment().isBlank() ? ""
                        : " (" + identity.getComment() + ")";
                candidates.add(agentCandidate("agent key " + KeyFingerprint.label(identity.getPublicKey())
                        + comment, agent, identity));
            }
        }
        for (FileOffer offer : files) {
            candidates.add(offer.certificate() ? certificateCandidate(offer.shownAs(), (Certificate<?>) offer
                    .offered().get(), Optional.of(offer.keyFile()), agent, agentKeys)
                    : fileCandidate(offer));
        }
        for (Path certificateFile : plan.certificateFiles()) {
            Optional<PublicKey> read = KeyRing.readKeyFile(certificateFile);
            if (read.isEmpty() || !(read.get() instanceof Certificate<?> certificate)) {
                notes.add(certificateFile + ": not a readable OpenSSH certificate");
                continue;
            }
            byte[] keyBlob = KeyFingerprint.blob(certificate.getKey());
            Optional<Path> keyFile = usable.stream().filter(file -> file.publicKey().isPresent()
                    && Arrays.equals(KeyFingerprint.blob(file.publicKey().get()), keyBlob))
                    .map(IdentityFile::path).findFirst();
            boolean inAgent = agentKeys.stream()
                    .anyMatch(identity -> Arrays.equals(KeyFingerprint.blob(identity.getPublicKey()), keyBlob));
            if (keyFile.isEmpty() && !inAgent) {
                notes.add(certificateFile + ": certifies " + KeyFingerprint.label(certificate)
                        + ", which neither the agent nor an identity file holds");
                continue;
            }
            candidates.add(certificateCandidate(certificateFile, certificate, keyFile, agent, agentKeys));
        }
        return candidates;
    }

    private static Candidate agentCandidate(String label, AgentSigner agent, AgentIdentity identity) {
        return Candidate.agent(label, () -> new AuthAgent(agent, identity));
    }

    private Candidate fileCandidate(FileOffer offer) {
        Path file = offer.keyFile();
        MethodSource method = () -> {
            PublicKey offered = offer.offered().orElse(null);
            if (offered == null) {
                // A legacy (PEM) key with no .pub: like OpenSSH, decrypt it first to learn what to offer.
                offered = keys.keyPair(file).orElseThrow(() -> new UnusableIdentity(keys.failure(file)))
                        .getPublic();
            }
            return new SignedPublickey(new FileKey(keys, file, offered));
        };
        return new Candidate(file.toString(), method, probe(file, offer.offered()));
    }

    /** For an encrypted file whose key is known but not decrypted yet: ask the server first, then decrypt. */
    private Optional<Probe> probe(Path file, Optional<PublicKey> offered) {
        if (offered.isEmpty() || !keys.inspect(file).encrypted() || keys.loaded(file)) {
            return Optional.empty();
        }
        return Optional.of(new Probe(new ProbePublickey(new FileKey(keys, file, offered.get())), () -> {
            if (keys.keyPair(file).isEmpty()) {
                throw new UnusableIdentity(keys.failure(file));
            }
        }));
    }

    /** A certificate, signed by the agent when it holds the key (no passphrase needed), else by the key file. */
    private Candidate certificateCandidate(Path shownAs, Certificate<?> certificate, Optional<Path> keyFile,
            AgentSigner agent, List<AgentIdentity> agentKeys) {
        byte[] keyBlob = KeyFingerprint.blob(certificate.getKey());
        Optional<AgentIdentity> agentKey = agentKeys.stream()
                .filter(identity -> Arrays.equals(KeyFingerprint.blob(identity.getPublicKey()), keyBlob)).findFirst();
        if (agentKey.isPresent()) {
            byte[] certificateBlob = KeyFingerprint.blob(certificate);
            return Candidate.agent(shownAs + " (signed by agent)", () -> {
                agent.signCertificateWith(certificateBlob, agentKey.get().getKeyBlob());
                return new AuthAgent(agent, new AgentIdentity(certificate, certificateBlob, shownAs.toString()));
            });
        }
        Path file = keyFile.orElseThrow();
        return new Candidate(shownAs.toString(), () -> new SignedPublickey(new FileKey(keys, file, certificate)),
                probe(file, Optional.of(certificate)));
    }

    private static String tryAll(SSHClient client, String who, String user, String where, List<Candidate> candidates,
            List<String> notes, ConnectDeadline deadline) throws AuthenticationFailure, TransportException {
        List<String> tried = new ArrayList<>();
        Service connection = (Service) client.getConnection();
        int timeoutMs = client.getTransport().getTimeoutMs();
        for (Iterator<Candidate> it = candidates.iterator(); it.hasNext(); ) {
            Candidate candidate = it.next();
            // an agent's signature may wait for a confirmation or a hardware key's touch
            deadline.waitingFor("authentication with " + candidate.label(), candidate.byAgent()
                    ? ConnectDeadline.AGENT_HINT : ConnectDeadline.SERVER_HINT);
            if (candidate.probe().isPresent()) {
                Optional<String> refusal = probe(client, user, connection, timeoutMs, candidate.probe().get(),
                        deadline);
                if (refusal.isPresent()) {
                    tried.add(candidate.label() + refusal.get());
                    continue;
                }
            }
            AuthMethod method;
            deadline.pause(); // a legacy key file without .pub is decrypted (asked for) to learn what to offer
            try {
                method = candidate.method().create();
            } catch (UnusableIdentity e) {
                tried.add(candidate.label() + " (" + e.getMessage() + ")");
                continue;
            } finally {
                deadline.resume();
            }
            try {
                if (client.getUserAuth().authenticate(user, connection, method, timeoutMs)) {
                    return candidate.label();
                }
                tried.add(candidate.label());
            } catch (UserAuthException e) {
                tried.add(candidate.label() + " (" + unavailableReason(e) + ")");
            } catch (TransportException e) {
                if (!client.isConnected() && !tried.isEmpty()) {
                    // sshd drops the connection after MaxAuthTries refusals (6 by default)
                    tried.add(candidate.label());
                    notes.add("the server closed the connection after " + tried.size()
                            + " keys (its MaxAuthTries?): offer fewer, e.g. identities_only with the right key");
                    break;
                }
                throw e;
            }
            if (!client.getUserAuth().getAllowedMethods().isEmpty()
                    && !client.getUserAuth().getAllowedMethods().contains("publickey")) {
                notes.add("the server does not accept public keys (it allows "
                        + String.join(",", client.getUserAuth().getAllowedMethods()) + ")");
                break;
            }
        }
        StringBuilder message = new StringBuilder(who).append(": ");
        if (tried.isEmpty()) {
            message.append("no key to offer for user ").append(user).append(" at ").append(where);
        } else {
            message.append("tried ").append(String.join(", ", tried)).append("; all refused for user ").append(user)
                    .append(" at ").append(where);
        }
        for (String note : notes) {
            message.append("; ").append(note);
        }
        throw new AuthenticationFailure(message.toString());
    }

    /**
     * Asks whether the server takes the probe's key and, if it does, prepares it (decrypts, asking the passphrase)
     * on this thread.
     *
     * @return empty when the real attempt should follow; else what to add to the key's label in the message
     *         ({@code ""} for a plain refusal, {@code " (why)"} when the key could not be prepared)
     */
    private static Optional<String> probe(SSHClient client, String user, Service connection, int timeoutMs,
            Probe probe, ConnectDeadline deadline) throws TransportException {
        try {
            client.getUserAuth().authenticate(user, connection, probe.offer(), timeoutMs);
            return Optional.of(""); // refused (a probe never succeeds: it does not sign)
        } catch (ProbePublickey.Acceptable e) {
            // the operator's time (or that of another host asking for the same key) is not the server's
            deadline.pause();
            try {
                probe.prepare().run();
                return Optional.empty();
            } catch (UnusableIdentity unusable) {
                return Optional.of(" (" + unusable.getMessage() + ")");
            } finally {
                deadline.resume();
            }
        } catch (UserAuthException e) {
            return Optional.of(" (" + unavailableReason(e) + ")");
        }
    }

    /** Our own reason (a key that could not be decrypted) when sshj wrapped it, else sshj's message. */
    private static String unavailableReason(UserAuthException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileKey.UnavailableKey unavailable) {
                return unavailable.getMessage();
            }
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void closeQuietly(AgentSigner agent) {
        if (agent == null) {
            return;
        }
        try {
            agent.close();
        } catch (IOException e) {
            // the socket is gone already
        }
    }
}
