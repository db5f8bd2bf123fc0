package dev.berth.docker.scan;

import dev.berth.docker.DiskUsage;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.DockerException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Measures installs' data: volumes through the engine's disk-usage API; bind-mounted folders by
 * walking them, or, when this user may not read them, through one helper container for all of
 * them. Sizes are apparent sizes of everything but directories, hard links once, like the engine's.
 */
final class DataSizer {
    private DataSizer() {}

    /** What walking one path gave. */
    enum WalkStatus {
        MEASURED,
        DENIED,
        MISSING,
        /** On a server: not walked here (a round trip per file over SFTP); the helper container there sizes it. */
        ON_SERVER
    }

    record Walk(WalkStatus status, long bytes) {}

    static Walk walk(Path root) {
        if (Files.notExists(root)) {
            return new Walk(WalkStatus.MISSING, 0);
        }
        long[] total = {0};
        Set<Object> seen = new HashSet<>();
        boolean[] denied = {false};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isDirectory() && attrs.size() > 0) {
                        Object key = attrs.fileKey();
                        if (key == null || seen.add(key)) {
                            total[0] += attrs.size();
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    if (exc instanceof AccessDeniedException) {
                        denied[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE; // vanished while walking: data in motion
                }
            });
        } catch (AccessDeniedException e) {
            return new Walk(WalkStatus.DENIED, 0);
        } catch (NoSuchFileException e) {
            return new Walk(WalkStatus.MISSING, 0);
        } catch (IOException e) {
            return new Walk(WalkStatus.DENIED, 0);
        }
        return denied[0] ? new Walk(WalkStatus.DENIED, 0) : new Walk(WalkStatus.MEASURED, total[0]);
    }

    /** Walks a folder of this computer; one on a server only has its existence checked (one stat). */
    static Walk walkOrDefer(Path root) {
        if (root.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
            return walk(root);
        }
        return Files.notExists(root) ? new Walk(WalkStatus.MISSING, 0) : new Walk(WalkStatus.ON_SERVER, 0);
    }

    /** Adds sizes to every install; {@code engine} may be null when no helper container may be used. */
    static List<Install> measure(List<Install> installs, DiskUsage usage, DockerEngine engine)
            throws InterruptedException {
        Map<Path, Walk> walks = new LinkedHashMap<>();
        for (Install i : installs) {
            for (DataRoot r : i.dataRoots()) {
                for (Path s : outermost(r.sources())) {
                    walks.computeIfAbsent(s, DataSizer::walkOrDefer);
                }
            }
        }
        List<Path> denied = walks.entrySet().stream()
                .filter(e -> e.getValue().status() == WalkStatus.DENIED
                        || e.getValue().status() == WalkStatus.ON_SERVER)
                .map(Map.Entry::getKey)
                .toList();
        Map<Path, Long> helped = Map.of();
        Optional<String> helperProblem = Optional.empty();
        if (!denied.isEmpty()) {
            if (engine == null) {
                helperProblem = Optional.of("this user may not read it");
            } else {
                try {
                    helped = engine.pathSizes(denied);
                } catch (DockerException e) {
                    helperProblem =
                            Optional.of("this user may not read it and the helper container failed: " + e.getMessage());
                }
            }
        }
        List<Install> out = new ArrayList<>();
        for (Install i : installs) {
            out.add(measureOne(i, usage, walks, helped, helperProblem));
        }
        return out;
    }

    private static Install measureOne(
            Install i, DiskUsage usage, Map<Path, Walk> walks, Map<Path, Long> helped, Optional<String> helperProblem) {
        List<InstallWarning> warnings = new ArrayList<>();
        long total = 0;
        boolean complete = true;
        List<DataRoot> roots = new ArrayList<>();
        for (DataRoot r : i.dataRoots()) {
            long bytes = 0;
            boolean known = true;
            boolean viaHelper = false;
            for (Path s : outermost(r.sources())) {
                Walk w = walks.get(s);
                switch (w.status()) {
                    case MEASURED -> bytes += w.bytes();
                    case DENIED, ON_SERVER -> {
                        Long h = helped.get(s);
                        if (h != null) {
                            bytes += h;
                            viaHelper = true;
                        } else {
                            known = false;
                            warnings.add(new InstallWarning(
                                    InstallWarning.Kind.SIZE_UNKNOWN,
                                    "The size of " + s + " is unknown: " + helperProblem.orElse("not measured") + "."));
                        }
                    }
                    case MISSING -> {
                        if (i.origin() == Install.Origin.FOLDER) {
                            continue; // never started: compose creates it on the first start
                        }
                        known = false;
                        warnings.add(new InstallWarning(
                                InstallWarning.Kind.DATA_MISSING,
                                "The data folder " + s + " mounted by " + i.project() + " does not exist on this host"
                                        + " (deleted or moved?); the containers may be running on empty data."));
                    }
                }
            }
            if (known) {
                roots.add(r.withSize(
                        OptionalLong.of(bytes), viaHelper ? SizeSource.HELPER_CONTAINER : SizeSource.FILE_SYSTEM));
                total += bytes;
            } else {
                roots.add(r);
                complete = false;
            }
        }
        List<InstallVolume> volumes = new ArrayList<>();
        for (InstallVolume v : i.volumes()) {
            OptionalLong size = usage.volume(v.name());
            if (size.isPresent()) {
                total += size.getAsLong();
            } else {
                complete = false;
            }
            volumes.add(new InstallVolume(v.name(), v.composeName(), v.services(), v.ownership(), size));
        }
        DataSize dataSize =
                new DataSize(total, complete ? DataSize.Completeness.COMPLETE : DataSize.Completeness.PARTIAL);
        return new Install(
                        i.project(),
                        i.origin(),
                        i.workingDir(),
                        i.workingDirState(),
                        i.configFiles(),
                        i.envFile(),
                        i.state(),
                        i.composeVersion(),
                        i.version(),
                        i.services(),
                        i.bindMounts(),
                        roots,
                        volumes,
                        i.dataVariables(),
                        dataSize,
                        i.warnings())
                .withWarnings(warnings);
    }

    /** The sources that are not inside another source, so nothing is counted twice. */
    static List<Path> outermost(List<Path> sources) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path s : sources) {
            boolean nested = sources.stream().anyMatch(o -> !o.equals(s) && s.startsWith(o));
            if (!nested) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
