package dev.berth.docker.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.fs.SftpFileSystem;
import org.apache.sshd.sftp.client.fs.SftpFileSystemProvider;
import org.apache.sshd.sftp.client.fs.SftpPath;
import org.apache.sshd.sftp.client.fs.SftpPosixFileAttributeView;
import org.apache.sshd.sftp.client.fs.SftpPosixFileAttributes;
import org.apache.sshd.sftp.client.impl.SftpRemotePathChannel;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * MINA's SFTP file system with the three guarantees Berth's file writes rely on, which MINA 2.20
 * does not give by itself:
 *
 * <ul>
 *   <li>{@code Files.move} with {@code ATOMIC_MOVE} or {@code REPLACE_EXISTING} renames in one step
 *       with OpenSSH's {@code posix-rename@openssh.com} (MINA deletes the target first, so a crash
 *       in between loses the file, and ignores {@code ATOMIC_MOVE}). Without that extension an
 *       atomic move throws {@link AtomicMoveNotSupportedException}.
 *   <li>{@code FileChannel.force} flushes to the server's disk with {@code fsync@openssh.com} (MINA's
 *       does nothing); without the extension it throws, so a write never claims durability it lacks.
 *   <li>a file created with POSIX permissions ({@code Files.createFile(p, attrs)}, {@code
 *       createTempFile}) has them from its first moment (MINA ignores them, leaving the umask's
 *       0644: a secret written next would be readable by others until a chmod).
 * </ul>
 *
 * What SFTP cannot do: file locks ({@code FileChannel.lock} throws {@link
 * UnsupportedOperationException}; use {@link RemoteLock}), memory mapping, and creating folders
 * with permissions in one step (they are set right after {@code mkdir}).
 */
final class DurableSftpProvider extends SftpFileSystemProvider {

    DurableSftpProvider(SshClient client) {
        super(client);
    }

    /** A new file system on {@code session}, with its own provider (file system ids are per provider). */
    static SftpFileSystem open(ClientSession session) throws IOException {
        SshClient client = session.getFactoryManager() instanceof SshClient c ? c : null;
        return new DurableSftpProvider(client).newFileSystem(session);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        List<CopyOption> opts = Arrays.asList(options);
        boolean atomic = opts.contains(StandardCopyOption.ATOMIC_MOVE);
        if (!atomic && !opts.contains(StandardCopyOption.REPLACE_EXISTING)) {
            super.move(source, target, options);
            return;
        }
        SftpPath src = toSftpPath(source);
        SftpPath dst = toSftpPath(target);
        if (src.getFileSystem() != dst.getFileSystem()) {
            throw new ProviderMismatchException("cannot move between two SFTP connections: " + src + " -> " + dst);
        }
        try (SftpClient client = src.getFileSystem().getClient()) {
            OpenSSHPosixRenameExtension rename = client.getExtension(OpenSSHPosixRenameExtension.class);
            if (rename != null && rename.isSupported()) {
                try {
                    rename.posixRename(src.toString(), dst.toString());
                } catch (SftpException e) {
                    throw translate(e, src.toString(), dst.toString());
                }
                return;
            }
        }
        if (atomic) {
            throw new AtomicMoveNotSupportedException(
                    source.toString(),
                    target.toString(),
                    "the server's SFTP lacks posix-rename@openssh.com (an OpenSSH extension)");
        }
        super.move(source, target, options);
    }

    /**
     * Copies a regular file within this connection in a few round trips: one look at the source, the
     * target created with the source's mode in its open request (as the JDK does on local disks; MINA
     * creates it with the umask's mode), the bytes pipelined both ways, and with {@code
     * COPY_ATTRIBUTES} the mode and times in one request. MINA's own copy first walks every folder of
     * the target's path, component by component. Anything else (folders, links, other options, two
     * connections) goes to MINA's copy.
     */
    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Set<CopyOption> opts = new HashSet<>(Arrays.asList(options));
        if (!FAST_COPY_OPTIONS.containsAll(opts)
                || !(source instanceof SftpPath src)
                || !(target instanceof SftpPath dst)
                || src.getFileSystem() != dst.getFileSystem()
                || src.getFileSystem().provider() != this) {
            super.copy(source, target, options);
            return;
        }
        LinkOption[] follow = opts.contains(LinkOption.NOFOLLOW_LINKS)
                ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS}
                : new LinkOption[0];
        SftpClient.Attributes attrs = resolveRemoteFileAttributes(src, follow);
        if (src.toAbsolutePath().normalize().equals(dst.toAbsolutePath().normalize())) {
            return; // a file copied onto itself stays as it is
        }
        if (!attrs.isRegularFile()) {
            super.copy(source, target, options);
            return;
        }
        if (opts.contains(StandardCopyOption.REPLACE_EXISTING)) {
            try (SftpClient client = dst.getFileSystem().getClient()) {
                client.remove(dst.toString());
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    super.deleteIfExists(dst); // a folder, or the reason it cannot go
                }
            }
        }
        int mode = attrs.getPermissions() & 0777;
        try (FileChannel in = newFileChannel(src, Set.of(java.nio.file.StandardOpenOption.READ))) {
            FileChannel out = newFileChannel(
                    dst,
                    Set.of(java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(permissions(mode)));
            try (out) {
                ByteBuffer buf = ByteBuffer.allocate(SftpPipeline.BLOCK);
                while (in.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                try {
                    super.deleteIfExists(dst); // no half copy left behind, as the JDK's copy does
                } catch (IOException d) {
                    e.addSuppressed(d);
                }
                throw e;
            }
        }
        if (opts.contains(StandardCopyOption.COPY_ATTRIBUTES)) {
            SftpClient.Attributes copied = new SftpClient.Attributes().perms(mode);
            java.nio.file.attribute.FileTime modified = attrs.getModifyTime();
            if (modified != null) {
                java.nio.file.attribute.FileTime accessed = attrs.getAccessTime();
                copied.modifyTime(modified).accessTime(accessed != null ? accessed : modified);
            }
            try (SftpClient client = dst.getFileSystem().getClient()) {
                client.setStat(dst.toString(), copied);
            } catch (SftpException e) {
                throw translate(e, dst.toString(), null);
            }
        }
    }

    private static final Set<CopyOption> FAST_COPY_OPTIONS =
            Set.of(StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < order.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                perms.add(order[i]);
            }
        }
        return perms;
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (options.contains(LinkOption.NOFOLLOW_LINKS)) {
            options = noFollow(path, options);
        }
        Set<OpenMode> modes = OpenMode.fromOpenOptions(options);
        boolean writable = modes.contains(OpenMode.Write) || modes.contains(OpenMode.Append);
        if (!writable) {
            modes.remove(OpenMode.Truncate);
            modes.remove(OpenMode.Create);
            modes.remove(OpenMode.Exclusive);
            modes.add(OpenMode.Read);
        } else if (modes.contains(OpenMode.Append)
                && (modes.contains(OpenMode.Truncate) || modes.contains(OpenMode.Read))) {
            throw new IllegalArgumentException("APPEND cannot be combined with TRUNCATE_EXISTING or READ");
        }
        SftpPath p = toSftpPath(path);
        Set<PosixFilePermission> perms = permissions(attrs);
        if (perms != null && writable && (modes.contains(OpenMode.Create) || modes.contains(OpenMode.Exclusive))) {
            createWithPermissions(p, perms, modes.contains(OpenMode.Exclusive));
            modes.remove(OpenMode.Exclusive); // created above; the channel opens the file now there
        }
        Set<OpenMode> finalModes = modes;
        return translating(
                p, () -> new DurableChannel(p.toString(), p.getFileSystem().getClient(), finalModes));
    }

    /**
     * {@code O_NOFOLLOW} as SFTP allows it (its open has no such flag): a symbolic link is refused
     * unless the open creates a new file exclusively, which fails on any existing name anyway. The
     * check and the open are two requests, so a link swapped in between is followed; Berth opens
     * with NOFOLLOW_LINKS only inside folders it owns.
     */
    private Set<OpenOption> noFollow(Path path, Set<? extends OpenOption> options) throws IOException {
        Set<OpenOption> rest = new HashSet<>(options);
        rest.remove(LinkOption.NOFOLLOW_LINKS);
        if (!rest.contains(java.nio.file.StandardOpenOption.CREATE_NEW)) {
            BasicFileAttributes a;
            try {
                a = readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return rest;
            }
            if (a.isSymbolicLink()) {
                throw new FileSystemException(
                        path.toString(), null, "is a symbolic link and was opened with NOFOLLOW_LINKS");
            }
        }
        return rest;
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        return translating(path, () -> super.newInputStream(path, options));
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        return translating(path, () -> super.newOutputStream(path, options));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return translating(dir, () -> super.newDirectoryStream(dir, filter));
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        translating(dir, () -> {
            super.createDirectory(dir, attrs);
            return null;
        });
    }

    @Override
    public void delete(Path path) throws IOException {
        translating(path, () -> {
            super.delete(path);
            return null;
        });
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return translating(link, () -> super.readSymbolicLink(link));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        translating(link, () -> {
            super.createSymbolicLink(link, target, attrs);
            return null;
        });
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        translating(path, () -> {
            super.setAttribute(path, attribute, value, options);
            return null;
        });
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return translating(path, () -> super.readAttributes(path, type, options));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return translating(path, () -> super.readAttributes(path, attributes, options));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        translating(path, () -> {
            super.checkAccess(path, modes);
            return null;
        });
    }

    @Override
    protected SftpClient.Attributes resolveRemoteFileAttributes(SftpPath path, LinkOption... options)
            throws IOException {
        return translating(path, () -> super.resolveRemoteFileAttributes(path, options));
    }

    /**
     * Owners as numbers: OpenSSH speaks SFTP version 3, which carries uid and gid but no names, and
     * MINA then reports no owner at all (code comparing owners fails on null).
     */
    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type == PosixFileAttributeView.class || type == FileOwnerAttributeView.class) {
            return type.cast(new OwnerAwareView(this, path, options));
        }
        return super.getFileAttributeView(path, type, options);
    }

    @Override
    public boolean isSupportedFileAttributeView(SftpFileSystem fs, Class<? extends FileAttributeView> type) {
        return type == FileOwnerAttributeView.class || super.isSupportedFileAttributeView(fs, type);
    }

    @FunctionalInterface
    private interface SftpCall<T> {
        T call() throws IOException;
    }

    /** Runs an SFTP call, turning SFTP status codes into the java.nio exceptions callers catch. */
    private static <T> T translating(Path path, SftpCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (SftpException e) {
            throw translate(e, path.toString(), null);
        } catch (UncheckedIOException e) {
            // MINA's attribute cache wraps IOExceptions; callers of java.nio expect them unwrapped.
            throw e.getCause() instanceof SftpException se ? translate(se, path.toString(), null) : e.getCause();
        }
    }

    private static Set<PosixFilePermission> permissions(FileAttribute<?>... attrs) {
        Set<PosixFilePermission> perms = null;
        for (FileAttribute<?> a : attrs) {
            if (!"posix:permissions".equals(a.name()) && !"unix:permissions".equals(a.name())) {
                throw new UnsupportedOperationException("the SFTP file system cannot create a file with " + a.name());
            }
            perms = new HashSet<>();
            for (Object o : (Collection<?>) a.value()) {
                perms.add((PosixFilePermission) o);
            }
        }
        return perms;
    }

    /**
     * Creates the file with its mode in the SFTP open request itself (MINA's client sends no
     * attributes), so it is never readable by others, not even while empty.
     */
    private static void createWithPermissions(SftpPath path, Set<PosixFilePermission> perms, boolean exclusive)
            throws IOException {
        try (SftpClient client = path.getFileSystem().getClient()) {
            if (!(client instanceof RawSftpClient raw)) {
                throw new UnsupportedOperationException(
                        "cannot create " + path + " with permissions: this SFTP client gives no raw access");
            }
            String name = path.toString();
            Buffer open = new ByteArrayBuffer(name.length() + 32, false);
            open.putString(name, StandardCharsets.UTF_8);
            open.putInt(SftpConstants.SSH_FXF_WRITE
                    | SftpConstants.SSH_FXF_CREAT
                    | (exclusive ? SftpConstants.SSH_FXF_EXCL : 0));
            open.putInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
            open.putInt(mode(perms));
            Buffer reply = raw.receive(raw.send(SftpConstants.SSH_FXP_OPEN, open));
            reply.getInt(); // length
            int type = reply.getUByte();
            reply.getInt(); // request id
            if (type == SftpConstants.SSH_FXP_STATUS) {
                int status = reply.getInt();
                String message = reply.getString();
                if (exclusive && status == SftpConstants.SSH_FX_FAILURE && exists(client, name)) {
                    throw new FileAlreadyExistsException(name);
                }
                throw translate(new SftpException(status, message), name, null);
            }
            if (type != SftpConstants.SSH_FXP_HANDLE) {
                throw new IOException("unexpected SFTP answer " + type + " to creating " + name);
            }
            byte[] handle = reply.getBytes();
            Buffer close = new ByteArrayBuffer(handle.length + 8, false);
            close.putBytes(handle);
            Buffer closed = raw.receive(raw.send(SftpConstants.SSH_FXP_CLOSE, close));
            closed.getInt();
            int closeType = closed.getUByte();
            closed.getInt();
            if (closeType == SftpConstants.SSH_FXP_STATUS) {
                int status = closed.getInt();
                if (status != SftpConstants.SSH_FX_OK) {
                    throw translate(new SftpException(status, closed.getString()), name, null);
                }
            }
        }
    }

    private static boolean exists(SftpClient client, String name) {
        try {
            return client.lstat(name) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static int mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return m;
    }

    /** The java.nio exception for an SFTP status, as a local file system would throw it. */
    static IOException translate(SftpException e, String file, String other) {
        return switch (e.getStatus()) {
            case SftpConstants.SSH_FX_NO_SUCH_FILE ->
                withCause(new NoSuchFileException(file, other, e.getMessage()), e);
            case SftpConstants.SSH_FX_PERMISSION_DENIED ->
                withCause(new AccessDeniedException(file, other, e.getMessage()), e);
            case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS ->
                withCause(new FileAlreadyExistsException(file, other, e.getMessage()), e);
            default -> withCause(new FileSystemException(file, other, e.getMessage()), e);
        };
    }

    private static IOException withCause(IOException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    /** A user or group known by its number only. */
    record NumericPrincipal(int id, boolean group) implements GroupPrincipal {
        @Override
        public String getName() {
            return Integer.toString(id);
        }
    }

    /** MINA's attributes with the numeric owner and group when the server sends no names. */
    private static final class OwnedAttributes extends SftpPosixFileAttributes {
        private final SftpClient.Attributes attributes;

        OwnedAttributes(Path path, SftpClient.Attributes attributes) {
            super(path, attributes);
            this.attributes = attributes;
        }

        @Override
        public UserPrincipal owner() {
            UserPrincipal named = super.owner();
            return named != null ? named : new NumericPrincipal(attributes.getUserId(), false);
        }

        @Override
        public GroupPrincipal group() {
            GroupPrincipal named = super.group();
            return named != null ? named : new NumericPrincipal(attributes.getGroupId(), true);
        }
    }

    /** MINA's POSIX view reading and setting owners by number. */
    private static final class OwnerAwareView extends SftpPosixFileAttributeView {
        OwnerAwareView(SftpFileSystemProvider provider, Path path, LinkOption... options) {
            super(provider, path, options);
        }

        @Override
        public PosixFileAttributes readAttributes() throws IOException {
            return new OwnedAttributes(path, readRemoteAttributes());
        }

        @Override
        public UserPrincipal getOwner() throws IOException {
            return readAttributes().owner();
        }

        @Override
        public void setOwner(UserPrincipal owner) throws IOException {
            if (owner instanceof NumericPrincipal n) {
                SftpClient.Attributes now = readRemoteAttributes();
                writeRemoteAttributes(new SftpClient.Attributes().owner(n.id(), now.getGroupId()));
            } else {
                super.setOwner(owner);
            }
        }

        @Override
        public void setGroup(GroupPrincipal group) throws IOException {
            if (group instanceof NumericPrincipal n) {
                SftpClient.Attributes now = readRemoteAttributes();
                writeRemoteAttributes(new SftpClient.Attributes().owner(now.getUserId(), n.id()));
            } else {
                super.setGroup(group);
            }
        }
    }

    /**
     * A channel whose {@link #force} reaches the server's disk, whose locks say why they cannot be,
     * and whose sequential reads and writes keep many requests in flight ({@link SftpPipeline}).
     * Every other operation first waits for the writes sent, so a failed write is reported by the
     * next call on the channel at the latest, and by {@code force} and {@code close}.
     */
    private static final class DurableChannel extends SftpRemotePathChannel {
        private final SftpPipeline pipeline;

        DurableChannel(String path, SftpClient client, Collection<OpenMode> modes) throws IOException {
            super(path, client, true, modes.isEmpty() ? EnumSet.of(OpenMode.Read) : modes);
            this.pipeline =
                    client instanceof RawSftpClient raw ? new SftpPipeline(raw, handle.getIdentifier(), path) : null;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (pipeline == null || modes.contains(OpenMode.Append)) {
                return super.write(src);
            }
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
            if (!modes.contains(OpenMode.Write)) {
                throw new NonWritableChannelException();
            }
            synchronized (lock) {
                boolean completed = false;
                beginBlocking("write");
                try {
                    int n = pipeline.write(src, posTracker.get());
                    posTracker.addAndGet(n);
                    completed = true;
                    return n;
                } finally {
                    endBlocking("write", completed);
                }
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (pipeline == null) {
                return super.read(dst);
            }
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
            if (!modes.contains(OpenMode.Read)) {
                throw new NonReadableChannelException();
            }
            synchronized (lock) {
                boolean completed = false;
                beginBlocking("read");
                try {
                    pipeline.drainWrites();
                    int n = pipeline.read(dst, posTracker.get());
                    if (n > 0) {
                        posTracker.addAndGet(n);
                    }
                    completed = true;
                    return n;
                } finally {
                    endBlocking("read", completed);
                }
            }
        }

        /** Waits for the writes in flight and forgets what was read ahead, before any other operation. */
        private void settle() throws IOException {
            if (pipeline != null) {
                synchronized (lock) {
                    pipeline.dropReadAhead();
                    pipeline.drainWrites();
                }
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            settle();
            return super.read(dst, position);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            settle();
            return super.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            settle();
            return super.write(src, position);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            settle();
            return super.write(srcs, offset, length);
        }

        @Override
        public long size() throws IOException {
            settle();
            return super.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            settle();
            return super.truncate(size);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            settle();
            return super.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            settle();
            return super.transferFrom(src, position, count);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
            OpenSSHFsyncExtension fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
            if (fsync == null || !fsync.isSupported()) {
                settle();
                throw new IOException("cannot flush " + getRemotePath() + " to the server's disk: its SFTP server lacks"
                        + " fsync@openssh.com (OpenSSH 6.5 or newer has it)");
            }
            if (pipeline == null) {
                fsync.fsync(handle);
                return;
            }
            synchronized (lock) {
                pipeline.force();
            }
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException("SFTP has no file locks (" + getRemotePath()
                    + "); a remote install is locked with RemoteLock (flock on the server)");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            return tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            IOException failed = null;
            if (pipeline != null && blockingThreadHolder.get() == null) {
                try {
                    synchronized (lock) {
                        pipeline.drainWrites();
                        pipeline.dropReadAhead();
                    }
                } catch (IOException e) {
                    failed = e;
                }
            }
            try {
                super.implCloseChannel();
            } catch (IOException e) {
                if (failed == null) {
                    throw e;
                }
                failed.addSuppressed(e);
            }
            if (failed != null) {
                throw failed;
            }
        }
    }
}
