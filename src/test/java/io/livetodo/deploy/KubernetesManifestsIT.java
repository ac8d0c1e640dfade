package io.livetodo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests the build writes (target/kubernetes/kubernetes.yml), read as a cluster would. */
class KubernetesManifestsIT {

    private static final Map<String, JsonNode> BY_KIND = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        YAMLFactory yaml = new YAMLFactory();
        ObjectMapper mapper = new ObjectMapper(yaml);
        try (var documents = mapper.readValues(
                yaml.createParser(Files.readString(Path.of("target", "kubernetes", "kubernetes.yml"))),
                JsonNode.class)) {
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
        JsonNode password = env(container, "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(password.has("value"))
                .as("the password is never in the manifest")
                .isFalse();
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
        assertThat(service.at("/spec/selector/app.kubernetes.io~1name").asText())
                .isEqualTo("livetodo");
        JsonNode ingress = BY_KIND.get("Ingress");
        JsonNode annotations = ingress.at("/metadata/annotations");
        assertThat(annotations
                        .path("nginx.ingress.kubernetes.io/proxy-read-timeout")
                        .asInt())
                .isGreaterThanOrEqualTo(3600);
        assertThat(annotations
                        .path("nginx.ingress.kubernetes.io/proxy-buffering")
                        .asText())
                .isEqualTo("off");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
                .isEqualTo("livetodo");
    }

    /** What Kubernetes's restricted Pod Security Standard asks, as far as the manifest says it. */
    @Test
    void thePodMeetsTheRestrictedPodSecurityStandard() {
        JsonNode pod = BY_KIND.get("Deployment").at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean())
                .isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean())
                .isFalse();
        assertThat(container.at("/securityContext/capabilities/drop"))
                .extracting(JsonNode::asText)
                .containsExactly("ALL");
        assertThat(container.at("/securityContext/capabilities/add").isMissingNode())
                .isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(container.at("/securityContext/privileged").asBoolean(false)).isFalse();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertThat(pod.path(host).asBoolean(false)).as(host).isFalse();
        }
        assertThat(pod.path("volumes").findValues("hostPath"))
                .as("no host paths")
                .isEmpty();
        assertThat(container.path("ports").findValues("hostPort")).isEmpty();
        // The root file system is read-only: the JVM and Vert.x write to /tmp only.
        String tmpVolume = container.path("volumeMounts").findParents("mountPath").stream()
                .filter(mount -> mount.path("mountPath").asText().equals("/tmp"))
                .findFirst()
                .orElseThrow()
                .path("name")
                .asText();
        assertThat(pod.path("volumes").findParents("name").stream()
                        .filter(volume -> volume.path("name").asText().equals(tmpVolume)))
                .singleElement()
                .satisfies(volume -> assertThat(volume.has("emptyDir")).isTrue());
    }

    /**
     * Behind the ingress every client address is the ingress controller's unless its forwarded
     * header is believed: it is, from the cluster's private addresses, and only the ingress
     * controller (and monitoring) may reach the pods at all.
     */
    @Test
    void theApplicationBelievesItsIngressAndOnlyTheIngressReachesIt() {
        JsonNode container = BY_KIND.get("Deployment").at("/spec/template/spec/containers/0");
        assertThat(env(container, "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")
                        .path("value")
                        .asText())
                .isEqualTo("true");
        assertThat(env(container, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES")
                        .path("value")
                        .asText())
                .contains("10.0.0.0/8");
        JsonNode policy = BY_KIND.get("NetworkPolicy");
        assertThat(policy).as("a NetworkPolicy").isNotNull();
        assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText())
                .isEqualTo("livetodo");
        assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Ingress");
        assertThat(policy.at("/spec/ingress").findValues("kubernetes.io/metadata.name"))
                .extracting(JsonNode::asText)
                .contains("ingress-nginx");
    }

    private static JsonNode env(JsonNode container, String name) {
        List<JsonNode> matching = container.path("env").findParents("name").stream()
                .filter(variable -> variable.path("name").asText().equals(name))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
