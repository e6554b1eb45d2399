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
    private final H2Backend backend;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address, H2Backend backend) {
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
        H2Backend backend = new CommitOnWriteH2Backend(file.toString());
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
