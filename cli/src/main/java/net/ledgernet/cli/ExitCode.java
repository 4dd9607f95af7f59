package net.ledgernet.cli;

/** Exit codes scripts can rely on. */
enum ExitCode {
    OK(0),
    /** A search that ran fine but matched nothing. */
    NO_RESULTS(1),
    /** The command line or config.yml is wrong. */
    BAD_INPUT(2),
    /** At least one backend database could not be reached or is not a Ledger database. */
    BACKEND_UNREACHABLE(3);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
