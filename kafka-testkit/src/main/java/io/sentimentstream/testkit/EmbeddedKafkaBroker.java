package io.sentimentstream.testkit;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka cluster (KRaft) (combined broker and controller) in this JVM, from Kafka's own
 * test kit: no Docker needed. Configured so that exactly-once works with one broker, and listening
 * on loopback only (PLAINTEXT, no authentication: nothing outside this machine may reach it).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a one-node cluster and waits until its broker is ready. */
    public static EmbeddedKafkaBroker start() throws Exception {
        // Our own temporary directory: the test kit's default one is deleted by a JVM shutdown hook,
        // which on Ctrl-C races the broker's own clean shutdown (checkpoint files vanish under it and
        // it logs stack traces). close() deletes this one.
        Path baseDirectory = Files.createTempDirectory("sentiment-kafka-");
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(baseDirectory).build());
        Map.<String, Object>of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "3",
                "group.initial.rebalance.delay.ms", "0",
                // lets the crash test use a short session timeout, so a killed instance's
                // partitions move on in seconds rather than 45 s
                "group.min.session.timeout.ms", "1000",
                "auto.create.topics.enable", "false",
                "default.replication.factor", "1",
                "min.insync.replicas", "1").forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            bindToLoopbackOnly(cluster);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafkaBroker(cluster);
    }

    /**
     * The test kit binds every listener ahead of time on all interfaces ({@code new
     * InetSocketAddress(port)}) and hands those sockets to the nodes. Closing them makes each node
     * bind the same port on its configured host, {@code localhost}, instead. The kit offers no
     * setting for this, hence the reflection; a Kafka upgrade that renames the field fails the
     * start (and {@code EmbeddedKafkaBrokerTest}) rather than listen on every interface.
     */
    private static void bindToLoopbackOnly(KafkaClusterTestKit cluster) throws ReflectiveOperationException, IOException {
        Field field = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
        field.setAccessible(true);
        PreboundSocketFactoryManager sockets = (PreboundSocketFactoryManager) field.get(cluster);
        TestKitNodes nodes = cluster.nodes();
        for (int id : nodes.brokerNodes().keySet()) {
            close(sockets.getSocketForListenerAndMarkAsUsed(id, nodes.brokerListenerName().value()));
        }
        for (int id : nodes.controllerNodes().keySet()) {
            close(sockets.getSocketForListenerAndMarkAsUsed(id, nodes.controllerListenerName().value()));
        }
    }

    private static void close(ServerSocketChannel socket) throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    /**
     * Like {@link #start()}, but without the storage formatter's lines on standard output (it
     * prints them directly), which would interleave with a command's own output.
     */
    public static EmbeddedKafkaBroker startQuietly() throws Exception {
        java.io.PrintStream stdout = System.out;
        synchronized (System.class) {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                return start();
            } finally {
                System.setOut(stdout);
            }
        }
    }

    /** Bootstrap servers of the broker. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the cluster and deletes its files (once; the test kit's own close is not idempotent). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the test cluster", e);
            }
        }
    }
}
