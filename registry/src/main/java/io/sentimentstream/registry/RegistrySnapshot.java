package io.sentimentstream.registry;

import io.sentimentstream.core.event.ModelRef;
import java.util.List;
import java.util.Optional;

/**
 * The registry as read up to some point: every published version (in publication order), the
 * assignment, and the records that could not be read (reported, never loaded).
 *
 * @param versions   published versions, oldest first
 * @param assignment champion, challenger and roll-back history
 * @param problems   one line per unreadable record
 * @param position   offset in the metadata partition up to which this was read
 */
public record RegistrySnapshot(List<PublishedVersion> versions, Assignment assignment, List<String> problems,
                               long position) {

    /** Copies the lists. */
    public RegistrySnapshot {
        versions = List.copyOf(versions);
        problems = List.copyOf(problems);
    }

    /** The version {@code ref}, if published. */
    public Optional<PublishedVersion> find(ModelRef ref) {
        return ref == null ? Optional.empty() : versions.stream().filter(v -> v.ref().equals(ref)).findFirst();
    }

    /** The champion's version record, if there is a champion and it is published. */
    public Optional<PublishedVersion> champion() {
        return find(assignment.champion());
    }

    /**
     * The version called {@code version} (of model {@code name}, or of any model when {@code null}).
     *
     * @throws RegistryException when there is none, or several models have that version
     */
    public PublishedVersion resolve(String version, String name) {
        List<PublishedVersion> matches = versions.stream()
                .filter(v -> v.version().equals(version) && (name == null || v.name().equals(name)))
                .toList();
        if (matches.isEmpty()) {
            throw new RegistryException("no published version " + (name == null ? "" : name + "@") + version
                    + " (see 'models list')");
        }
        if (matches.size() > 1) {
            throw new RegistryException("version " + version + " exists for several models "
                    + matches.stream().map(PublishedVersion::name).toList() + "; name one with --name");
        }
        return matches.get(0);
    }
}
