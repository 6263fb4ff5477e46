package check

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// TestTheBanksOverlayOfTheOperationsGuideMountsTheBanks renders the
// overlay docs/operations.md gives for extra question banks, as written,
// over the socket-mode overlay: the bot gets BANK_DIR, a read-only mount
// there of a ConfigMap that holds the bank, and keeps everything else.
func TestTheBanksOverlayOfTheOperationsGuideMountsTheBanks(t *testing.T) {
	doc, err := os.ReadFile("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- tested: banks\\b[^>]*-->\\s*```yaml\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/operations.md has no ```yaml block marked <!-- tested: banks -->")
	}
	base, err := filepath.Abs("../k8s/overlays/socket-mode")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rel, err := filepath.Rel(dir, base) // kustomize takes no absolute path
	if err != nil {
		t.Fatal(err)
	}
	kustomization := strings.Replace(string(m[1]), "../socket-mode", rel, 1)
	if kustomization == string(m[1]) {
		t.Fatal("the guide's overlay does not build on ../socket-mode")
	}
	bank := "# Our team\n\n## A question of ours?\n\nAn answer of ours.\n"
	if err := os.MkdirAll(filepath.Join(dir, "banks"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"kustomization.yaml": kustomization, "banks/our-team.md": bank} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	opts := krusty.MakeDefaultOptions()
	opts.LoadRestrictions = types.LoadRestrictionsNone // the base is outside the temporary directory
	rm, err := krusty.MakeKustomizer(opts).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		t.Fatalf("kustomize build of the guide's overlay: %v\n%s", err, kustomization)
	}
	var bot appsv1.Deployment
	banks := map[string]corev1.ConfigMap{}
	for _, res := range rm.Resources() {
		y, err := res.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case res.GetKind() == "Deployment" && res.GetName() == "kubequiz":
			err = strict(y, &bot)
		case res.GetKind() == "ConfigMap" && strings.HasPrefix(res.GetName(), "kubequiz-banks"):
			var cm corev1.ConfigMap
			err = strict(y, &cm)
			banks[res.GetName()] = cm
		}
		if err != nil {
			t.Errorf("%s %s does not decode strictly: %v", res.GetKind(), res.GetName(), err)
		}
	}
	spec := bot.Spec.Template.Spec
	if len(spec.Containers) != 1 {
		t.Fatalf("the bot's containers: %+v", spec.Containers)
	}
	c := spec.Containers[0]
	if !slices.ContainsFunc(c.Env, func(e corev1.EnvVar) bool { return e.Name == "BANK_DIR" && e.Value == "/banks" }) ||
		!slices.ContainsFunc(c.Env, func(e corev1.EnvVar) bool { return e.Name == "REDIS_URL" }) {
		t.Errorf("the bot's env, want BANK_DIR=/banks beside REDIS_URL: %+v", c.Env)
	}
	if len(c.VolumeMounts) != 1 || c.VolumeMounts[0].MountPath != "/banks" || !c.VolumeMounts[0].ReadOnly {
		t.Errorf("the bot's mounts: %+v", c.VolumeMounts)
	}
	if len(spec.Volumes) != 1 || spec.Volumes[0].ConfigMap == nil {
		t.Fatalf("the bot's volumes: %+v", spec.Volumes)
	}
	cm, ok := banks[spec.Volumes[0].ConfigMap.Name]
	if !ok || cm.Data["our-team.md"] != bank {
		t.Errorf("the volume's ConfigMap %q is not the banks' (%v)", spec.Volumes[0].ConfigMap.Name, banks)
	}
	if c.SecurityContext == nil || c.SecurityContext.ReadOnlyRootFilesystem == nil || !*c.SecurityContext.ReadOnlyRootFilesystem {
		t.Error("the overlay lost the read-only root filesystem")
	}
}
