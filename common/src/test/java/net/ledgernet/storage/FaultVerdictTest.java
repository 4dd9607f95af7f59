package net.ledgernet.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import net.ledgernet.storage.BackendFailure.Reason;
import net.ledgernet.storage.BackendReader.Verdict;
import org.junit.jupiter.api.Test;

/**
 * How each way a request can end weighs on the backend's circuit breaker: only what the backend did
 * counts (issue 11 item 6). The drivers' real exception types and SQL states, no database needed.
 */
class FaultVerdictTest {

    @Test
    void onlyTheBackendsOwnFaultsCount() {
        assertEquals(Verdict.HEALTHY, BackendReader.judge(null));
        assertEquals(Verdict.NEUTRAL, judge(Reason.BUSY, new RejectedExecutionException()),
                "a full queue is other users' load");
        assertEquals(Verdict.ASK_PROBE, judge(Reason.TIMEOUT, null), "a probe decides whose a timeout was");
        assertEquals(Verdict.FAULT, judge(Reason.ERROR, new SQLTransientConnectionException("pool: request timed out",
                new SQLNonTransientConnectionException("Could not connect", "08000", new ConnectException()))));
        assertEquals(Verdict.FAULT, judge(Reason.ERROR, new ConnectionFailures.Described("access denied",
                new SQLTransientConnectionException("pool: request timed out"))), "a described connection failure");
        assertEquals(Verdict.FAULT, judge(Reason.ERROR, new SQLException("I/O error", "08006")),
                "PostgreSQL's connection failure state");
        assertEquals(Verdict.NEUTRAL, judge(Reason.ERROR, new BackendDatabase.ShareExhaustedException(
                "all 3 connections survival may hold are in use")), "waiting for its own share is load");
        assertEquals(Verdict.ASK_PROBE, judge(Reason.ERROR, new SQLTimeoutException("max_statement_time", "70100")),
                "a statement cancelled by its query timeout");
        assertEquals(Verdict.ASK_PROBE, judge(Reason.ERROR, new SQLException("canceling statement", "57014")));
        assertEquals(Verdict.NEUTRAL, judge(Reason.ERROR, new SQLException("Table 'actions' doesn't exist", "42S02")),
                "an error that fails fast harms nobody");
        assertEquals(Verdict.NEUTRAL, judge(Reason.BREAKER_OPEN, null));
    }

    private static Verdict judge(Reason reason, Throwable cause) {
        return BackendReader.judge(new CompletionException(
                new BackendUnavailableException(new BackendFailure(reason, "test"), cause)));
    }
}
