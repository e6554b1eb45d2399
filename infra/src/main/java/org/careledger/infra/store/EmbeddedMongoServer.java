package org.careledger.infra.store;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MongoDB-wire-compatible server (mongo-java-server) over an H2 MVStore file, so
 * the white-list survives restarts with zero set-up. It speaks the real wire protocol: the
 * application talks to it with the ordinary reactive-streams driver, exactly as to a real
 * MongoDB. It lacks $text, geo operators and transactions (see ADR 0004).
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final InetSocketAddress address;
    private final ReopeningBackend backend;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address, ReopeningBackend backend) {
        this.server = server;
        this.address = address;
        this.backend = backend;
    }

    public static EmbeddedMongoServer start(Path file, int port) {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + file.getParent(), e);
        }
        ReopeningBackend backend = new ReopeningBackend(file.toString());
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address;
        if (port > 0) {
            server.bind("127.0.0.1", port);
            address = server.getLocalAddress();
        } else {
            address = server.bind();
        }
        log.info("Embedded MongoDB-wire server listening on {} with data in {}", address, file);
        return new EmbeddedMongoServer(server, address, backend);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }

    /** The MVStore currently open (tests simulate a write failure by closing it). */
    org.h2.mvstore.MVStore currentStore() {
        return backend.current().getMvStore();
    }

    /**
     * The H2 backend, reopened when its store has closed itself. MVStore closes for good after a
     * failed write (a full disk, an I/O error): every later operation fails with "Map … is closed"
     * and the white-list would stop updating until a restart. Before each operation this checks the
     * store and, if it is closed, opens the file again, so the store recovers on its own once the
     * cause is gone (ADR 0021). Writes acknowledged before the failure were committed (below).
     */
    static final class ReopeningBackend implements de.bwaldvogel.mongo.MongoBackend {

        private final String fileName;
        private volatile CommitOnWriteH2Backend current;

        ReopeningBackend(String fileName) {
            this.fileName = fileName;
            this.current = new CommitOnWriteH2Backend(fileName);
        }

        CommitOnWriteH2Backend current() {
            return current;
        }

        private CommitOnWriteH2Backend open() {
            CommitOnWriteH2Backend backend = current;
            if (!backend.getMvStore().isClosed()) {
                return backend;
            }
            synchronized (this) {
                if (current.getMvStore().isClosed()) {
                    log.warn("The white-list store {} was closed after a failure; reopening it", fileName);
                    try {
                        current.close();
                    } catch (RuntimeException e) {
                        log.debug("closing the failed store: {}", e.toString());
                    }
                    current = new CommitOnWriteH2Backend(fileName);
                    log.info("The white-list store {} is open again", fileName);
                }
                return current;
            }
        }

        @Override
        public void handleClose(Channel channel) {
            open().handleClose(channel);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return open().handleCommand(channel, databaseName, command, query);
        }

        @Override
        public de.bwaldvogel.mongo.backend.QueryResult handleQuery(de.bwaldvogel.mongo.wire.message.MongoQuery query) {
            return open().handleQuery(query);
        }

        @Override
        public Document handleMessage(de.bwaldvogel.mongo.wire.message.MongoMessage message) {
            return open().handleMessage(message);
        }

        @Override
        public void dropDatabase(String database) {
            open().dropDatabase(database);
        }

        @Override
        public java.util.Collection<Document> getCurrentOperations(de.bwaldvogel.mongo.wire.message.MongoQuery query) {
            return open().getCurrentOperations(query);
        }

        @Override
        public Document getServerStatus() {
            return open().getServerStatus();
        }

        @Override
        public void close() {
            current.close();
        }

        @Override
        public void closeCursors(java.util.List<Long> cursorIds) {
            open().closeCursors(cursorIds);
        }

        @Override
        public java.time.Clock getClock() {
            return current.getClock();
        }

        @Override
        public void enableOplog() {
            open().enableOplog();
        }

        @Override
        public void disableOplog() {
            open().disableOplog();
        }

        @Override
        public de.bwaldvogel.mongo.MongoDatabase resolveDatabase(String database) {
            return open().resolveDatabase(database);
        }

        @Override
        public de.bwaldvogel.mongo.MongoBackend version(de.bwaldvogel.mongo.MongoVersion version) {
            current.version(version);
            return this;
        }
    }

    /**
     * MVStore commits on its own only about once a second; a kill -9 inside that second would lose
     * view writes whose tracking tokens PostgreSQL already committed. This backend commits the
     * store after every write command, so what the driver saw acknowledged is in the file.
     */
    static final class CommitOnWriteH2Backend extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
                "drop", "dropdatabase", "createindexes", "dropindexes", "renamecollection", "create");

        CommitOnWriteH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            Document result = super.handleCommand(channel, databaseName, command, query);
            if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
                commit();
            }
            return result;
        }
    }
}
