package io.livetodo.common;

import io.livetodo.support.ExternalPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application, started as operators start it: its own entry point turns Quarkus's bare-400 URI check off. */
@QuarkusIntegrationTest
@WithTestResource(ExternalPostgres.class)
class HostileUriIT extends HostileUriTest {}
