package check

import (
	"maps"
	"os"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// recommended are the app.kubernetes.io labels every object carries.
var recommended = []string{
	"app.kubernetes.io/name",
	"app.kubernetes.io/instance",
	"app.kubernetes.io/component",
	"app.kubernetes.io/part-of",
}

// selectors are the selectors first applied: a Deployment's or
// StatefulSet's cannot change, and the Services, the PodDisruptionBudget
// and the NetworkPolicies must keep selecting the same pods.
var selectors = map[string]map[string]string{
	"kubequiz":       {"app.kubernetes.io/name": "kubequiz"},
	"kubequiz-redis": {"app.kubernetes.io/name": "kubequiz-redis"},
}

// checkLabels checks that labels carry the recommended ones, part of
// kubequiz.
func checkLabels(t *testing.T, what string, l map[string]string) {
	t.Helper()
	for _, k := range recommended {
		if l[k] == "" {
			t.Errorf("%s has no %s label", what, k)
		}
	}
	if l["app.kubernetes.io/part-of"] != "kubequiz" {
		t.Errorf("%s is part of %q, want kubequiz", what, l["app.kubernetes.io/part-of"])
	}
}

// imageTag is the tag of an image reference, "" when it has none.
func imageTag(image string) string {
	image, _, _ = strings.Cut(image, "@")
	if i := strings.LastIndexByte(image, ':'); i > strings.LastIndexByte(image, '/') {
		return image[i+1:]
	}
	return ""
}

func TestEveryObjectCarriesTheRecommendedLabels(t *testing.T) {
	for _, overlay := range overlays {
		t.Run(overlay, func(t *testing.T) {
			r := render(t, overlay)
			for _, o := range r.all {
				checkLabels(t, o.kind+"/"+o.name, o.labels)
			}
			for name, d := range r.deployments {
				checkLabels(t, "the pods of Deployment/"+name, d.Spec.Template.Labels)
				if !maps.Equal(d.Spec.Selector.MatchLabels, selectors[name]) || len(d.Spec.Selector.MatchExpressions) > 0 {
					t.Errorf("Deployment/%s selects %v: its selector may never change from %v", name, d.Spec.Selector, selectors[name])
				}
			}
			for name, s := range r.statefulSets {
				tmpl := s.Spec.Template
				checkLabels(t, "the pods of StatefulSet/"+name, tmpl.Labels)
				if !maps.Equal(s.Spec.Selector.MatchLabels, selectors[name]) || len(s.Spec.Selector.MatchExpressions) > 0 {
					t.Errorf("StatefulSet/%s selects %v: its selector may never change from %v", name, s.Spec.Selector, selectors[name])
				}
				for _, vct := range s.Spec.VolumeClaimTemplates {
					if len(vct.Labels) > 0 {
						t.Errorf("StatefulSet/%s: labels on volumeClaimTemplates cannot be applied to an existing StatefulSet", name)
					}
				}
				// A version label tells the version of the image it runs.
				if v := tmpl.Labels["app.kubernetes.io/version"]; v != "" {
					tag := imageTag(tmpl.Spec.Containers[0].Image)
					if tag != v && !strings.HasPrefix(tag, v+"-") {
						t.Errorf("StatefulSet/%s is labelled version %s but runs %s", name, v, tmpl.Spec.Containers[0].Image)
					}
					if s.Labels["app.kubernetes.io/version"] != v {
						t.Errorf("StatefulSet/%s and its pods disagree on the version", name)
					}
				}
			}
			for name, s := range r.services {
				if !maps.Equal(s.Spec.Selector, selectors[name]) {
					t.Errorf("Service/%s selects %v, want %v", name, s.Spec.Selector, selectors[name])
				}
			}
			for name, p := range r.pdbs {
				if !maps.Equal(p.Spec.Selector.MatchLabels, selectors[name]) {
					t.Errorf("PodDisruptionBudget/%s selects %v, want %v", name, p.Spec.Selector, selectors[name])
				}
			}
			for name, p := range r.networkPolicies {
				if !maps.Equal(p.Spec.PodSelector.MatchLabels, selectors[name]) {
					t.Errorf("NetworkPolicy/%s applies to %v, want %v", name, p.Spec.PodSelector, selectors[name])
				}
			}
		})
	}
	doc, err := os.ReadFile("../k8s/secret.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var s corev1.Secret
	if err := strict(doc, &s); err != nil {
		t.Fatal(err)
	}
	checkLabels(t, "secret.example.yaml", s.Labels)
}

func TestTheBotSpreadsAcrossNodesAndZones(t *testing.T) {
	for _, overlay := range overlays {
		d := render(t, overlay).deployments["kubequiz"]
		spread := map[string]bool{}
		for _, c := range d.Spec.Template.Spec.TopologySpreadConstraints {
			if c.WhenUnsatisfiable != corev1.ScheduleAnyway {
				t.Errorf("%s: spreading over %s is %s: a cluster of one node or zone could not schedule both replicas", overlay, c.TopologyKey, c.WhenUnsatisfiable)
			}
			if c.MaxSkew != 1 || !matches(t, c.LabelSelector, d.Spec.Template.Labels) {
				t.Errorf("%s: spreading over %s: maxSkew %d, selector %v: not the bot's pods one by one", overlay, c.TopologyKey, c.MaxSkew, c.LabelSelector)
			}
			spread[c.TopologyKey] = true
		}
		for _, key := range []string{"kubernetes.io/hostname", "topology.kubernetes.io/zone"} {
			if !spread[key] {
				t.Errorf("%s: the bot's replicas are not spread over %s", overlay, key)
			}
		}
	}
}

func TestEveryImageIsPinned(t *testing.T) {
	for _, overlay := range overlays {
		r := render(t, overlay)
		var containers []corev1.Container
		for _, d := range r.deployments {
			containers = append(containers, d.Spec.Template.Spec.Containers...)
		}
		for _, s := range r.statefulSets {
			containers = append(containers, s.Spec.Template.Spec.Containers...)
		}
		for _, c := range containers {
			if tag := imageTag(c.Image); (tag == "" || tag == "latest") && !strings.Contains(c.Image, "@sha256:") {
				t.Errorf("%s: container %s runs %s: no pinned tag or digest", overlay, c.Name, c.Image)
			}
			if c.ImagePullPolicy == corev1.PullAlways {
				t.Errorf("%s: container %s pulls %s on every start although it is pinned", overlay, c.Name, c.Image)
			}
		}
		bot := r.deployments["kubequiz"].Spec.Template.Spec.Containers[0]
		// The base names the image kubequiz; each overlay's images: entry
		// says where it is.
		if !strings.Contains(bot.Image, "/") {
			t.Errorf("%s: the bot runs %s: the overlay's images: entry does not name a registry", overlay, bot.Image)
		}
	}
}

func TestImageTag(t *testing.T) {
	for image, want := range map[string]string{
		"redis:7.4-alpine":                    "7.4-alpine",
		"registry.example.com:5000/kubequiz":  "",
		"registry.example.com:5000/kq:v1.2.3": "v1.2.3",
		"kubequiz@sha256:0123":                "",
		"kubequiz:1.0@sha256:0123":            "1.0",
	} {
		if got := imageTag(image); got != want {
			t.Errorf("imageTag(%q) = %q, want %q", image, got, want)
		}
	}
}
