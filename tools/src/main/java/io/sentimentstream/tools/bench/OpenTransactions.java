package io.sentimentstream.tools.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
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

    /** The transactional ids of {@code applicationId}'s producers with a transaction open now. */
    static List<String> of(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        return admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                .all().get().stream()
                .map(TransactionListing::transactionalId)
                .filter(id -> id.startsWith(applicationId + "-"))
                .toList();
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
