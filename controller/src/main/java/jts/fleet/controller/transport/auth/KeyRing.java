package jts.fleet.controller.transport.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jts.fleet.controller.transport.keys.LazyBouncyCastle;
import jts.fleet.controller.transport.keys.OpenSshPrivateKeyHeader;
import jts.fleet.controller.transport.keys.PublicKeyText;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * The identity files of one run (a CLI command, a shell session), read once and shared by every host and fork:
 * a file is inspected once ({@link #inspect}), and an encrypted one is decrypted once, after one passphrase prompt
 * ({@link #keyPair}), however many hosts need it. A file that could not be decrypted (no terminal, three wrong
 * passphrases, an empty answer) stays refused for the run, so the operator is not asked again per host.
 * Passphrases are never stored, logged or put into messages: only the decrypted key is kept, in memory.
 *
 * <p>Like OpenSSH, a private key file owned by the user and accessible by group or others is refused
 * ("UNPROTECTED PRIVATE KEY FILE"), with a warning through {@code warnings} the first time.
 */
public final class KeyRing {
    /** OpenSSH asks three times ({@code NumberOfPasswordPrompts}). */
    static final int PASSPHRASE_TRIES = 3;

    private final PassphrasePrompt prompt;
    private final Consumer<String> warnings;
    private final String userName;
    private final List<Factory.Named<FileKeyProvider>> keyFormats;
    private final Map<Path, IdentityFile> inspected = new ConcurrentHashMap<>();
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();
    private final Map<Path, Object> fileLocks = new ConcurrentHashMap<>();
    private final Map<Path, Decrypted> decrypted = new ConcurrentHashMap<>();

    /** The outcome of decrypting one file: the key pair, or why there is none. */
    private record Decrypted(Optional<KeyPair> keys, String failure) {
    }

    /** Thrown through sshj by the password finder when nobody can be asked. */
    private static final class NoTerminal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoTerminal() {
            super(null, null, false, false);
        }
    }

    /**
     * @param prompt     how to ask for passphrases
     * @param warnings   where warnings about identity files go (printed on stderr by the CLI)
     * @param keyFormats sshj's readers of private key files (the run's shared configuration has them)
     */
    public KeyRing(PassphrasePrompt prompt, Consumer<String> warnings,
            List<Factory.Named<FileKeyProvider>> keyFormats) {
        this(prompt, warnings, System.getProperty("user.name", ""), keyFormats);
    }

    KeyRing(PassphrasePrompt prompt, Consumer<String> warnings, String userName,
            List<Factory.Named<FileKeyProvider>> keyFormats) {
        this.prompt = prompt;
        this.warnings = warnings;
        this.userName = userName;
        this.keyFormats = List.copyOf(keyFormats);
    }

    /**
     * What {@code file} offers. A usable file is read once per run; an unusable one (missing, unprotected) is looked
     * at again next time, so a shell session sees the {@code chmod 600} the operator just ran.
     */
    public IdentityFile inspect(Path file) {
        Path key = file.toAbsolutePath().normalize();
        IdentityFile known = inspected.get(key);
        if (known != null) {
            return known;
        }
        synchronized (fileLocks.computeIfAbsent(key, k -> new Object())) {
            known = inspected.get(key);
            if (known == null) {
                known = read(key);
                if (known.problem().isEmpty()) {
                    inspected.put(key, known);
                }
            }
            return known;
        }
    }

    private IdentityFile read(Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            return IdentityFile.unusable(file, "does not exist");
        } catch (IOException e) {
            return IdentityFile.unusable(file, "cannot read: " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            return IdentityFile.unusable(file, "is not a regular file");
        }
        Optional<String> unprotected = unprotected(file, attributes);
        if (unprotected.isPresent()) {
            if (warned.add(file)) {
                warnings.accept(file + ": " + unprotected.get());
            }
            return IdentityFile.unusable(file, unprotected.get());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return IdentityFile.unusable(file, "cannot read: " + e.getMessage());
        }
        Optional<OpenSshPrivateKeyHeader> header = OpenSshPrivateKeyHeader.read(text);
        boolean encrypted = header.map(OpenSshPrivateKeyHeader::encrypted)
                .orElse(text.contains("ENCRYPTED") || text.contains("Encryption: aes"));
        Optional<PublicKey> publicKey = publicFile(file).or(() -> header.map(h -> h.publicKey().key()));
        if (publicKey.isEmpty() && !encrypted) {
            Optional<KeyPair> pair = keyPair(file);
            if (pair.isEmpty()) {
                return IdentityFile.unusable(file, decrypted.get(file).failure());
            }
            publicKey = Optional.of(pair.get().getPublic());
        }
        Path certificateFile = IdentityFile.certificatePath(file);
        Optional<PublicKey> certificate = Optional.empty();
        if (Files.isRegularFile(certificateFile)) {
            certificate = readKeyFile(certificateFile);
        }
        return new IdentityFile(file, publicKey, encrypted, certificate, Optional.empty());
    }

    /**
     * Why OpenSSH would refuse the file (and the file is refused) when the user's own key file is accessible by group or
     * others; empty when its mode is fine or someone else owns it (OpenSSH checks only the user's own files).
     */
    Optional<String> unprotected(Path file, PosixFileAttributes attributes) {
        Set<PosixFilePermission> loose = attributes.permissions();
        loose.retainAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE));
        if (loose.isEmpty() || !attributes.owner().getName().equals(userName)) {
            return Optional.empty();
        }
        return Optional.of("UNPROTECTED PRIVATE KEY FILE: permissions " + octal(attributes.permissions())
                + " are too open (a private key must not be accessible by group or others); it is ignored:"
                + " chmod 600 " + file);
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }

    /**
     * The decrypted key pair of {@code file}: asks for the passphrase (once per run) when the file is encrypted.
     *
     * @return empty when the key cannot be had; {@link #failure} says why
     */
    public Optional<KeyPair> keyPair(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Decrypted known = decrypted.get(key);
        if (known != null) {
            return known.keys();
        }
        synchronized (fileLocks.computeIfAbsent(key, k -> new Object())) {
            // Not computeIfAbsent: the prompt may wait minutes for the operator, and must not hold a map bin.
            known = decrypted.get(key);
            if (known == null) {
                known = decrypt(key);
                decrypted.put(key, known);
            }
            return known.keys();
        }
    }

    /** True when {@code file} was decrypted (or found undecryptable) in this run: no prompt would follow. */
    public boolean loaded(Path file) {
        return decrypted.containsKey(file.toAbsolutePath().normalize());
    }

    /** Why {@link #keyPair} gave nothing for {@code file}. */
    public String failure(Path file) {
        Decrypted known = decrypted.get(file.toAbsolutePath().normalize());
        return known == null ? "not loaded" : known.failure();
    }

    private Decrypted decrypt(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Decrypted(Optional.empty(), "cannot read: " + e.getMessage());
        }
        Asking finder = new Asking(file);
        try {
            KeyFormat format = KeyProviderUtil.detectKeyFileFormat(text, false);
            FileKeyProvider provider = Factory.Named.Util.create(keyFormats, format.toString());
            if (provider == null) {
                return new Decrypted(Optional.empty(), "unsupported key format " + format);
            }
            Optional<OpenSshPrivateKeyHeader> header = format == KeyFormat.OpenSSHv1
                    ? OpenSshPrivateKeyHeader.read(text) : Optional.empty();
            if (header.isPresent() && header.get().cipher().equals(LazyBouncyCastle.CHACHA20_POLY1305)) {
                LazyBouncyCastle.add(); // the JDK's providers lack its cipher
            }
            provider.init(text, null, finder);
            KeyPair pair = new KeyPair(provider.getPublic(), provider.getPrivate());
            return new Decrypted(Optional.of(pair), "");
        } catch (NoTerminal e) {
            return new Decrypted(Optional.empty(), "encrypted, and there is no terminal to ask for its passphrase:"
                    + " load it into ssh-agent (ssh-add " + file + ") or run on a terminal");
        } catch (IOException | SSHRuntimeException | IllegalStateException | NullPointerException e) {
            if (finder.asked > 0) {
                return new Decrypted(Optional.empty(), finder.empty ? "no passphrase given"
                        : "wrong passphrase (" + finder.asked + " tries)");
            }
            return new Decrypted(Optional.empty(), "cannot load key: " + e.getMessage());
        } finally {
            finder.clear();
        }
    }

    /** The first key of a {@code .pub} or {@code -cert.pub} file. */
    private static Optional<PublicKey> publicFile(Path privateKey) {
        return readKeyFile(privateKey.resolveSibling(privateKey.getFileName() + ".pub"));
    }

    static Optional<PublicKey> readKeyFile(Path file) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    return PublicKeyText.parse(line).map(PublicKeyText::key);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Asks the operator, up to {@link #PASSPHRASE_TRIES} times; remembers nothing but counts. */
    private final class Asking implements PasswordFinder {
        private final Path file;
        private final List<char[]> answers = new ArrayList<>();
        int asked;
        boolean empty;

        Asking(Path file) {
            this.file = file;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            String text = asked == 0 ? "Enter passphrase for key '" + file + "': "
                    : "Bad passphrase, try again for " + file + ": ";
            char[] answer = prompt.ask(text).orElseThrow(NoTerminal::new);
            asked++;
            empty = answer.length == 0;
            answers.add(answer);
            // sshj clears what it is given; keep our own copy to clear ours
            return answer.clone();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return !empty && asked < PASSPHRASE_TRIES;
        }

        void clear() {
            answers.forEach(answer -> Arrays.fill(answer, '\0'));
        }
    }
}
