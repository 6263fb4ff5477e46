package bank_test

import (
	"slices"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestAKubernetesWordWithoutATopicSuggestsTheNearest: ingress and
// configmap are no mistyping of any topic, and no question names them;
// the topics nearest them in meaning are suggested. A word that is no
// Kubernetes word gets none.
func TestAKubernetesWordWithoutATopicSuggestsTheNearest(t *testing.T) {
	b := testkit.ShippedBank(t)
	for word, want := range map[string]string{"ingress": "service", "Ingress": "service", "configmap": "volume", "ConfigMaps": "volume", "config map": "volume", "taints": "scheduler", "亲和性": "scheduler"} {
		if got := b.Suggest(word, 3); !slices.Contains(got, want) {
			t.Errorf("Suggest(%q) = %q, want %s among them", word, got, want)
		}
	}
	if got := b.Suggest("xyzzy", 3); len(got) != 0 {
		t.Errorf("Suggest(xyzzy) = %q, want none", got)
	}
}

// TestANameTypedInWordsResolves: kube-proxy typed as two words is
// kube-proxy, a StorageClass (storage class) is storage's pv and pvc.
func TestANameTypedInWordsResolves(t *testing.T) {
	b := testkit.ShippedBank(t)
	for words, want := range map[string]string{"kube proxy": "kube-proxy", "Kube Proxy": "kube-proxy", "storage class": "pv", "StorageClass": "pvc", "存储类": "pv", "init container": "init-container"} {
		if got := b.Resolve(words); !slices.Contains(got, want) {
			t.Errorf("Resolve(%q) = %q, want %s among them", words, got, want)
		}
	}
	topics, unknown := b.ResolveAll([]string{"kube", "proxy", "pv"})
	if len(unknown) != 0 || !slices.Contains(topics, "kube-proxy") || !slices.Contains(topics, "pv") {
		t.Errorf("ResolveAll(kube proxy pv) = %q, unknown %q", topics, unknown)
	}
}
