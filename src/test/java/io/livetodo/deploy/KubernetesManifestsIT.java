package io.livetodo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The Kubernetes manifests the build writes (target/kubernetes/kubernetes.yml), read as a cluster would. */
class KubernetesManifestsIT {

    private static final Map<String, JsonNode> BY_KIND = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        YAMLFactory yaml = new YAMLFactory();
        ObjectMapper mapper = new ObjectMapper(yaml);
        try (var documents = mapper.readValues(yaml.createParser(Files.readString(Path.of("target", "kubernetes", "kubernetes.yml"))), JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                BY_KIND.put(document.path("kind").asText(), document);
            }
        }
    }

    @Test
    void theDeploymentRunsTwoReplicasWithProbesLimitsAndTheSecret() {
        JsonNode deployment = BY_KIND.get("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("512Mi");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(container.at("/resources/limits/cpu").asText()).isEqualTo("2");
        JsonNode password = env(container, "DB_PASSWORD");
        assertThat(password.has("value")).as("the password is never in the manifest").isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("livetodo-db");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
        // Longer than the shutdown: live connections get 1001 and requests in flight finish before SIGKILL.
        assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).isGreaterThan(30);
        assertThat(BY_KIND).doesNotContainKeys("Job", "ServiceMonitor");
    }

    @Test
    void theServiceAndIngressReachItWithLiveConnectionsKeptOpen() {
        JsonNode service = BY_KIND.get("Service");
        assertThat(service.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
        assertThat(service.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo("livetodo");
        JsonNode ingress = BY_KIND.get("Ingress");
        JsonNode annotations = ingress.at("/metadata/annotations");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt()).isGreaterThanOrEqualTo(3600);
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText()).isEqualTo("off");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("livetodo");
    }

    private static JsonNode env(JsonNode container, String name) {
        List<JsonNode> matching = container.path("env").findParents("name").stream()
                .filter(variable -> variable.path("name").asText().equals(name)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
