package io.livetodo.list;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that writes to a list, and says which: the list named by a path parameter
 * ({@link #list}), the list of the todo named by one ({@link #todo}), or else the caller's
 * personal list. {@link ListWriteGate} lets a few writes of one list run at a time.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WritesList {

    /** The path parameter that holds the list's id. */
    @Nonbinding
    String list() default "";

    /** The path parameter that holds the id of a todo of the list. */
    @Nonbinding
    String todo() default "";
}
