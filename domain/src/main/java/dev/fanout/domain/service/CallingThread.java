package dev.fanout.domain.service;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs each task on the thread that hands it over, before {@code submit} returns. Given to a
 * {@link ReplayService}, it makes the replay fan each chunk out on the calling thread, then write it: nothing is
 * handed between threads. That suits a process with one core (a Lambda function up to 1,769 MB), where a
 * worker thread only adds the hand-off and the switches between the two threads. It cannot deadlock: the replay
 * awaits only futures it submitted, and these are done when {@code submit} returns.
 */
public final class CallingThread extends AbstractExecutorService {

    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("the executor is shut down");
        }
        task.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    /** Nothing ever waits to run: there is nothing to return. */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** A task runs to its end inside {@link #execute}, so once shut down, nothing is left running here. */
    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
