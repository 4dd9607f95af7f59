package net.ledgernet.cli;

/** Exit codes scripts can rely on. */
enum ExitCode {
    OK(0),
    /** A search that ran fine but matched nothing. */
    NO_RESULTS(1),
    /** The command line or config.yml is wrong. */
    BAD_INPUT(2),
    /** At least one backend database could not be reached or is not a Ledger database. */
    BACKEND_UNREACHABLE(3),
    /**
     * Every backend database answered, but a setting looks wrong: a time-zone that puts the newest action
     * in the future. doctor and status alike.
     */
    SUSPECT_SETTING(4);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
