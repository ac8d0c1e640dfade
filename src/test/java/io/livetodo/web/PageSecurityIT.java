package io.livetodo.web;

import io.livetodo.support.ExternalPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@WithTestResource(ExternalPostgres.class)
class PageSecurityIT extends PageSecurityTest {}
