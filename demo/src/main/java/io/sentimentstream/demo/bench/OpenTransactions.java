package io.sentimentstream.demo.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * The transactions a killed instance left open, seen from the broker's transaction coordinator.
 * Until one ends, read_committed consumers stop at it (last stable offset) on every partition it
 * wrote, and the instance's successor cannot read the offsets it committed in it.
 */
final class OpenTransactions {

    private static final Set<TransactionState> OPEN = EnumSet.of(TransactionState.ONGOING,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_EPOCH_FENCE);

    private OpenTransactions() {
    }

    /** The transactional ids among {@code states} with a transaction open. */
    static List<String> open(Map<String, TransactionState> states) {
        return states.entrySet().stream().filter(e -> OPEN.contains(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** The state of every transactional id of {@code applicationId}'s producers the broker knows. */
    static Map<String, TransactionState> states(Admin admin, String applicationId)
            throws ExecutionException, InterruptedException {
        Map<String, TransactionState> states = new TreeMap<>();
        for (TransactionListing t : admin.listTransactions().all().get()) {
            if (t.transactionalId().startsWith(applicationId + "-")) {
                states.put(t.transactionalId(), t.state());
            }
        }
        return states;
    }

    /** When (System.nanoTime) none of {@code ids} is open any more, polling every 50 ms; 0 if not by the deadline. */
    static long awaitEnd(Admin admin, List<String> ids, long deadlineNanos)
            throws ExecutionException, InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            boolean open = false;
            for (TransactionDescription d : admin.describeTransactions(ids).all().get().values()) {
                open |= OPEN.contains(d.state());
            }
            if (!open) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        return 0;
    }

    /** Bumps the producers' epochs, which aborts their open transactions at once. */
    static void fence(Admin admin, List<String> ids) throws ExecutionException, InterruptedException {
        admin.fenceProducers(ids).all().get();
    }
}
