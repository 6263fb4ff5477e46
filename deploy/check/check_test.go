// Package check renders the Kubernetes manifests with kustomize and decodes
// every object strictly into the Kubernetes API types. It is a module of its
// own so that the bot's go.mod carries no Kubernetes dependency.
package check

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// rendered is one overlay's objects, decoded.
type rendered struct {
	configMaps      map[string]corev1.ConfigMap
	services        map[string]corev1.Service
	deployments     map[string]appsv1.Deployment
	statefulSets    map[string]appsv1.StatefulSet
	pdbs            map[string]policyv1.PodDisruptionBudget
	ingresses       map[string]networkingv1.Ingress
	networkPolicies map[string]networkingv1.NetworkPolicy
	// all is every object as kustomize rendered it, in order.
	all []object
}

// object is one rendered object, undecoded.
type object struct {
	kind, name string
	labels     map[string]string
	doc        map[string]any
}

// strict decodes YAML into v, failing on any field the type does not have.
func strict(doc []byte, v any) error {
	j, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func render(t *testing.T, overlay string) rendered {
	t.Helper()
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	rm, err := k.Run(filesys.MakeFsOnDisk(), filepath.Join("..", "k8s", "overlays", overlay))
	if err != nil {
		t.Fatalf("kustomize build %s: %v", overlay, err)
	}
	r := rendered{
		configMaps: map[string]corev1.ConfigMap{}, services: map[string]corev1.Service{},
		deployments: map[string]appsv1.Deployment{}, statefulSets: map[string]appsv1.StatefulSet{},
		pdbs: map[string]policyv1.PodDisruptionBudget{}, ingresses: map[string]networkingv1.Ingress{},
		networkPolicies: map[string]networkingv1.NetworkPolicy{},
	}
	for _, res := range rm.Resources() {
		doc, err := res.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		name := res.GetName()
		m, err := res.Map()
		if err != nil {
			t.Fatal(err)
		}
		r.all = append(r.all, object{kind: res.GetKind(), name: name, labels: res.GetLabels(), doc: m})
		var decodeErr error
		switch res.GetKind() {
		case "ConfigMap":
			var o corev1.ConfigMap
			decodeErr = strict(doc, &o)
			r.configMaps[name] = o
		case "Service":
			var o corev1.Service
			decodeErr = strict(doc, &o)
			r.services[name] = o
		case "Deployment":
			var o appsv1.Deployment
			decodeErr = strict(doc, &o)
			r.deployments[name] = o
		case "StatefulSet":
			var o appsv1.StatefulSet
			decodeErr = strict(doc, &o)
			r.statefulSets[name] = o
		case "PodDisruptionBudget":
			var o policyv1.PodDisruptionBudget
			decodeErr = strict(doc, &o)
			r.pdbs[name] = o
		case "Ingress":
			var o networkingv1.Ingress
			decodeErr = strict(doc, &o)
			r.ingresses[name] = o
		case "NetworkPolicy":
			var o networkingv1.NetworkPolicy
			decodeErr = strict(doc, &o)
			r.networkPolicies[name] = o
		default:
			t.Errorf("%s: unexpected kind %s/%s", overlay, res.GetKind(), name)
		}
		if decodeErr != nil {
			t.Errorf("%s: %s %s does not decode strictly: %v\n%s", overlay, res.GetKind(), name, decodeErr, doc)
		}
	}
	return r
}

// overlays are the deployments the project ships.
var overlays = []string{"socket-mode", "webhook"}

func TestOverlaysRenderAndDecodeStrictly(t *testing.T) {
	for _, overlay := range overlays {
		t.Run(overlay, func(t *testing.T) {
			r := render(t, overlay)
			checkBot(t, r)
			checkRedis(t, r)
			ing, hasIngress := r.ingresses["kubequiz"]
			if hasIngress != (overlay == "webhook") {
				t.Errorf("ingress present: %v", hasIngress)
			}
			// Without a class, ingress-nginx (1.0 on) leaves it unserved
			// unless its class is the cluster's default.
			if hasIngress && (ing.Spec.IngressClassName == nil || *ing.Spec.IngressClassName == "") {
				t.Error("the Ingress names no ingress class")
			}
		})
	}
}

func checkBot(t *testing.T, r rendered) {
	d, ok := r.deployments["kubequiz"]
	if !ok {
		t.Fatal("no kubequiz Deployment")
	}
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 2 {
		t.Errorf("replicas = %v, want 2", d.Spec.Replicas)
	}
	pod := d.Spec.Template.Spec
	if pod.SecurityContext == nil || pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot {
		t.Error("the bot's pod is not runAsNonRoot")
	}
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers", len(pod.Containers))
	}
	c := pod.Containers[0]
	if c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet == nil || c.ReadinessProbe.HTTPGet.Path != "/readyz" {
		t.Error("readiness probe is not GET /readyz")
	}
	if c.LivenessProbe == nil || c.LivenessProbe.HTTPGet == nil || c.LivenessProbe.HTTPGet.Path != "/healthz" {
		t.Error("liveness probe is not GET /healthz")
	}
	// /readyz PINGs Redis for up to 500 ms (cmd/bot's redisPingTimeout)
	// and answers 200 either way: a probe that gives up within 2 s (1 s
	// unless set) would find every replica unready on a busy node while
	// Redis stalls.
	if p := c.ReadinessProbe; p != nil && p.TimeoutSeconds < 2 {
		t.Errorf("the readiness probe's timeout (%d s) leaves /readyz's Redis PING too little room", p.TimeoutSeconds)
	}
	sc := c.SecurityContext
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Error("the bot's container must have a read-only root filesystem and no privilege escalation")
	}
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Limits.Memory().IsZero() {
		t.Error("the bot has no resource requests or limits")
	}
	cm, ok := r.configMaps["kubequiz"]
	if !ok {
		t.Fatal("no kubequiz ConfigMap")
	}
	drain, err := time.ParseDuration(cm.Data["SHUTDOWN_TIMEOUT"])
	if err != nil {
		t.Fatalf("SHUTDOWN_TIMEOUT: %v", err)
	}
	if g := pod.TerminationGracePeriodSeconds; g == nil || time.Duration(*g)*time.Second < drain+5*time.Second {
		t.Errorf("terminationGracePeriodSeconds %v does not fit a %s drain", g, drain)
	}
	if !slices.ContainsFunc(c.EnvFrom, func(e corev1.EnvFromSource) bool { return e.SecretRef != nil && e.SecretRef.Name == "kubequiz" }) {
		t.Error("the bot does not take its secrets from the kubequiz Secret")
	}
	if _, ok := r.services["kubequiz"]; !ok {
		t.Error("no kubequiz Service")
	}
	if pdb, ok := r.pdbs["kubequiz"]; !ok || pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() != 1 {
		t.Error("no PodDisruptionBudget keeping one bot up")
	} else if p := pdb.Spec.UnhealthyPodEvictionPolicy; p == nil || *p != policyv1.AlwaysAllow {
		t.Error("the PodDisruptionBudget keeps unready bots from eviction: a drain waits while Slack is down")
	}
	// A Telegram setting without Telegram's token stops the bot: none may
	// be set for every install (the Secret holds them, empty for Slack alone).
	for k := range cm.Data {
		if strings.HasPrefix(k, "TELEGRAM_") {
			t.Errorf("the ConfigMap sets %s: an install without Telegram would not start", k)
		}
	}
	// The bot keeps the Go heap below its container's limit itself (see
	// cmd/bot's limitMemory); a GOMEMLIMIT of the whole limit would leave
	// no room for what the runtime does not count.
	if c.Resources.Limits.Memory().IsZero() {
		t.Error("the bot has no memory limit")
	}
	if slices.ContainsFunc(c.Env, func(e corev1.EnvVar) bool {
		return e.Name == "GOMEMLIMIT" && e.ValueFrom != nil && e.ValueFrom.ResourceFieldRef != nil
	}) {
		t.Error("GOMEMLIMIT is the container's whole memory limit: the bot sets 90% of it when GOMEMLIMIT is unset")
	}
}

func checkRedis(t *testing.T, r rendered) {
	s, ok := r.statefulSets["kubequiz-redis"]
	if !ok {
		t.Fatal("no Redis StatefulSet")
	}
	args := strings.Join(s.Spec.Template.Spec.Containers[0].Args, " ")
	for _, want := range []string{"--appendonly yes", "--appendfsync always", "--maxmemory 320mb", "--maxmemory-policy noeviction"} {
		if !strings.Contains(args, want) {
			t.Errorf("Redis args %q lack %s", args, want)
		}
	}
	if len(s.Spec.VolumeClaimTemplates) != 1 {
		t.Error("Redis keeps its AOF on no PersistentVolumeClaim")
	}
	if sc := s.Spec.Template.Spec.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		t.Error("Redis is not runAsNonRoot")
	}
	// Redis grows to its maxmemory: a request below its limit makes it the
	// first pod a node under memory pressure evicts.
	res := s.Spec.Template.Spec.Containers[0].Resources
	if req, limit := res.Requests.Memory(), res.Limits.Memory(); limit.IsZero() || req.Cmp(*limit) != 0 {
		t.Errorf("Redis requests %s of memory and is limited to %s: request what it may use", req, limit)
	}
}

func TestTheSecretTemplateHasNoValues(t *testing.T) {
	doc, err := os.ReadFile("../k8s/secret.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var s corev1.Secret
	if err := strict(doc, &s); err != nil {
		t.Fatalf("secret.example.yaml: %v", err)
	}
	if len(s.StringData) == 0 {
		t.Fatal("the template lists no keys")
	}
	for k, v := range s.StringData {
		if v != "" {
			t.Errorf("the template has a value for %s", k)
		}
	}
}

func TestStrictDecodingRefusesUnknownFields(t *testing.T) {
	doc := []byte("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: 2\n  replica: 3\n")
	var d appsv1.Deployment
	if err := strict(doc, &d); err == nil || !strings.Contains(err.Error(), "replica") {
		t.Errorf("an unknown field was accepted: %v", err)
	}
}
