package jts.fleet.controller.trim;

import java.util.List;

/** The result of {@code trim install} on one host. */
public record InstallReport(String host, List<FileOutcome> files, Activation activation, List<String> warnings) {
    public InstallReport {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** True when at least one file was (or in a dry run would be) written: Ansible's "changed". */
    public boolean changed() {
        return files.stream().anyMatch(f -> f.change() != FileChange.UNCHANGED);
    }
}
