package org.switchboard.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.server.ChatServer;

/**
 * A test class with a real server in a fresh data folder: each test (or its {@code @BeforeEach}) starts
 * one in {@link #dir}, usually with {@link TestServer#start}, and it is closed after the test.
 */
public abstract class ServerFixture {
    @TempDir
    protected Path dir;
    protected ChatServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }
}
