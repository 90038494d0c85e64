/**
 * Reference artifacts generated from the code so they cannot drift from it: the bash completion script
 * (picocli {@code AutoComplete}, produced at packaging time by {@link jts.fleet.controller.docs.ReferenceMain})
 * and the walk over the command tree that the man-page staleness test uses.
 */
package jts.fleet.controller.docs;
