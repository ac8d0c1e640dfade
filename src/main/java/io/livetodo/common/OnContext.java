package io.livetodo.common;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** For state confined to one Vert.x context, which needs no locks as long as it is touched only there. */
public final class OnContext {

    private OnContext() {}

    /** Runs the task on the context: at once when already there, else queued after what is queued. */
    public static void run(Context context, Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }
}
