package jts.fleet.remote.install;

import com.fasterxml.jackson.annotation.JsonValue;

import jts.fleet.inventory.Keyed;

/** What happened to one pushed file, as {@code install-file.sh} answers it. */
public enum FileChange implements Keyed.Hyphenated {
    /** Written (new or different content/mode). */
    INSTALLED,
    /** The host already had exactly these bytes with this mode; not written. */
    UNCHANGED,
    /** Dry run: the host's copy differs or is missing, so a real install would write it. */
    WOULD_INSTALL;

    /** The script's word ({@code installed}, {@code unchanged}, {@code would-install}): the text and JSON views' too. */
    @JsonValue
    @Override
    public String key() {
        return Keyed.Hyphenated.super.key();
    }

    /** {@link #key()}: the word every view shows. */
    @Override
    public String toString() {
        return key();
    }
}
