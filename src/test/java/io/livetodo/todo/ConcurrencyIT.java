package io.livetodo.todo;

import io.livetodo.support.ExternalPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@WithTestResource(ExternalPostgres.class)
class ConcurrencyIT extends ConcurrencyTest {}
