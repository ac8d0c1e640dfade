package io.livetodo.common;

import io.livetodo.account.AccountResource;
import io.livetodo.account.LoginView;
import io.livetodo.account.SessionView;
import io.livetodo.account.UserView;
import io.livetodo.list.ListView;
import io.livetodo.list.MemberView;
import io.livetodo.todo.TodoView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types that reach Jackson or Hibernate only through {@code Response}, an {@code ObjectMapper} or
 * an HQL {@code select new}, where Quarkus cannot see them at build time: a native image needs
 * them registered.
 */
@RegisterForReflection(
        targets = { ApiError.class, ApiError.FieldError.class, TodoView.class, LoginView.class, UserView.class,
                SessionView.class, ListView.class, MemberView.class, AccountResource.Message.class },
        classNames = { "io.livetodo.list.ListService$ListRow", "io.livetodo.list.ListService$MemberRow" })
public class NativeReflection {
}
