package org.careledger.infra.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The one directory where the embedded default keeps everything it must not lose: PostgreSQL's
 * data, the MongoDB-wire server's file, and generated keys. Configurable with
 * {@code careledger.data-dir}; by default {@code ~/.careledger/data}, outside the source tree.
 *
 * <p>One data directory, one process: the directory is claimed with an exclusive OS file lock on
 * {@value #LOCK_FILE} before anything in it is touched, and the lock is held until this object is
 * closed (the end of the application context) or the process dies (the OS releases it, also after
 * kill -9). A second process on the same directory fails at once with
 * {@link DataDirectoryInUseException} and never reaches the first one's database.
 */
public final class CareLedgerDataDirectory implements AutoCloseable {

    public static final String PROPERTY = "careledger.data-dir";
    public static final String LOCK_FILE = "careledger.lock";
    private static final Logger log = LoggerFactory.getLogger(CareLedgerDataDirectory.class);

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private CareLedgerDataDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    public static CareLedgerDataDirectory from(Environment env) {
        String configured = env.getProperty(PROPERTY);
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".careledger", "data")
                : Path.of(configured);
        return lock(root);
    }

    /**
     * Claims the directory for this process.
     *
     * @throws DataDirectoryInUseException if another process (or another application context of
     *                                     this JVM) holds it
     */
    public static CareLedgerDataDirectory lock(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        Path lockFile = root.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the lock file " + lockFile + " of the data directory", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another application context in this JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Cannot lock the data directory " + root, e);
        }
        if (lock == null) {
            String holder = holderOf(channel);
            closeQuietly(channel);
            throw new DataDirectoryInUseException(root, holder);
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
        } catch (IOException e) {
            log.warn("Could not write this process's pid into {}: {}", lockFile, e.toString());
        }
        log.info("Data directory {} locked by this process (pid {})", root, ProcessHandle.current().pid());
        return new CareLedgerDataDirectory(root, channel, lock);
    }

    public Path root() {
        return root;
    }

    public Path resolve(String child) {
        Path p = root.resolve(child);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create data directory " + p, e);
        }
        return p;
    }

    /** Whether this object still holds the directory's lock. */
    public boolean isLocked() {
        return lock.isValid();
    }

    /** Releases the directory (the application context closes it last, after the embedded stores). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            log.warn("Could not release the lock of {}: {}", root, e.toString());
        } finally {
            closeQuietly(channel);
        }
    }

    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int n = channel.read(buffer, 0);
            String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,10}") ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }

    /** The data directory is held by another process or application context. */
    public static final class DataDirectoryInUseException extends IllegalStateException {

        private final Path directory;
        private final String holderPid;

        DataDirectoryInUseException(Path directory, String holderPid) {
            super("The data directory " + directory + " is in use by another CareLedger process"
                    + (holderPid == null ? "" : " (pid " + holderPid + ")")
                    + ". One data directory serves one process: stop the other process, or start this one with"
                    + " another --" + PROPERTY + ".");
            this.directory = directory;
            this.holderPid = holderPid;
        }

        public Path directory() {
            return directory;
        }

        public String holderPid() {
            return holderPid;
        }
    }
}
