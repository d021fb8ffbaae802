package dev.sluice.agent;

import net.bytebuddy.asm.Advice;

/**
 * Byte Buddy advice woven into the application's own delta-standalone classes: every
 * {@code OptimisticTransactionImpl.commit}, each version it tries to write ({@code doCommit}), and
 * every {@code DeltaLogImpl} made. It only calls {@link DeltaProbes}.
 */
final class DeltaAdvice {

    private DeltaAdvice() {
    }

    /** {@code commit(actions, operation, engineInfo)}: one commit, however many versions it tries. */
    static final class Commit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object txn, @Advice.Argument(0) Object actions, @Advice.Argument(1) Object operation) {
            return DeltaProbes.committing(txn, actions, operation);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object commit, @Advice.This Object txn, @Advice.Return Object result,
                         @Advice.Thrown Throwable thrown) {
            DeltaProbes.committed(commit, txn, result, thrown);
        }
    }

    /** {@code doCommit(version, …)}: the version this try writes. */
    static final class AttemptVersion {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) long version) {
            DeltaProbes.attemptingVersion(version);
        }
    }

    /** {@code DeltaLogImpl}'s constructor: a log opened for a table. */
    static final class LogOpened {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object log) {
            DeltaProbes.logOpened(log);
        }
    }
}
