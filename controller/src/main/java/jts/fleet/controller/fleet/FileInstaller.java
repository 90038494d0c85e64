package jts.fleet.controller.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.install.FileChange;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.InstallFileScript;
import jts.fleet.remote.install.PushedFile;

/**
 * Pushes files to one host, for every command that installs something ({@code trim install}, {@code monitor
 * install}): each file through {@code install-file.sh} (as root where {@code become} says so), atomically, skipped
 * when the host already holds it, recorded on the host when the run records changes. A dry run only compares
 * hashes. Commands say which files; this class knows how.
 */
public final class FileInstaller {
    private final Duration stepTimeout;
    private final HostRecording recording;

    /**
     * @param stepTimeout deadline of pushing one file
     * @param recording   hands install-file.sh the change context ({@link HostRecording#NONE}: not recorded)
     */
    public FileInstaller(Duration stepTimeout, HostRecording recording) {
        this.stepTimeout = stepTimeout;
        this.recording = recording;
    }

    /**
     * Pushes {@code files} in order; what became of each.
     *
     * @throws TransportException naming host and file when a push fails or its answer is not install-file.sh's
     *                            (the files before it stay installed)
     */
    public List<FileOutcome> install(Transport transport, HostSpec host, List<PushedFile> files, boolean dryRun)
            throws TransportException {
        String script = InstallFileScript.text();
        List<FileOutcome> outcomes = new ArrayList<>();
        for (PushedFile file : files) {
            ExecResult result = HostScriptRunner.exec(transport, host, script,
                    InstallFileScript.args(file, dryRun, recording.contextLine(host)),
                    dryRun ? new byte[0] : file.bytes(), stepTimeout, true);
            String step = "install " + file.path();
            if (result.exitCode() != 0) {
                throw HostScriptRunner.exitFailure(host, step, result);
            }
            FileChange change;
            try {
                change = InstallFileScript.parseAnswer(file, result.stdoutText());
            } catch (IllegalArgumentException e) {
                throw HostScriptRunner.unusableAnswer(host, step, e);
            }
            outcomes.add(new FileOutcome(file.path(), change, file.sha256()));
        }
        return outcomes;
    }
}
