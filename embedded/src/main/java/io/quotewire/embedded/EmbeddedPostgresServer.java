package io.quotewire.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (the binaries ship in a Maven artifact) on a port of this machine, with
 * its data directory kept between runs unless the caller asks for a fresh one. User {@code postgres},
 * no password, connections from localhost only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code port} with its cluster in {@code dataDir} (created by initdb when
     * empty) and its binaries unpacked under {@code binariesDir}.
     */
    public static EmbeddedPostgresServer start(Path dataDir, Path binariesDir, int port, Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binariesDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binariesDir.toAbsolutePath().toFile())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    // a commit returns once it is on disk, as PostgreSQL's default has it (the library turns it off
                    // for speed): the projection commits its Kafka offsets after the database has committed, so a
                    // commit that a database crash could still lose would be lost for good
                    .setServerConfig("synchronous_commit", "on")
                    // the projection writes in bulk (tens of MB of WAL a second while catching up): room for the
                    // WAL between checkpoints (fewer full-page images) and for WAL records before they are written
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("wal_buffers", "16MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // local disks are SSDs: index lookups cost little more than sequential reads
                    .setServerConfig("random_page_cost", "1.1")
                    .setPGStartupWait(timeout)
                    .start();
            return new EmbeddedPostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + " with data in " + dataDir, e);
        }
    }

    /** Creates {@code database} (owned by {@value #USER}) unless it exists. Returns true if it was created. */
    public boolean createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, database);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The URL for the Vert.x reactive client, which Hibernate Reactive uses. */
    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
