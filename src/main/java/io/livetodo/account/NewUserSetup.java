package io.livetodo.account;

import io.smallrye.mutiny.Uni;

/**
 * What a new user starts with besides their account, made in the transaction that registers
 * them: the lists part gives them their personal list.
 */
public interface NewUserSetup {

    Uni<Void> setUp(User user);
}
