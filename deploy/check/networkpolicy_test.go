package check

import (
	"net/netip"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// endpoint is one end of a connection: a pod, with its labels and named
// ports, in a namespace with its labels; or an address outside the cluster.
type endpoint struct {
	namespace string
	nsLabels  map[string]string
	pod       map[string]string // nil: not a pod
	ports     []corev1.ContainerPort
	ip        netip.Addr // outside the cluster
}

// namespace is where the manifests are applied in these checks.
const namespace = "kubequiz"

// pod is a pod of the given labels in namespace ns.
func pod(ns string, podLabels map[string]string, ports ...corev1.ContainerPort) endpoint {
	return endpoint{namespace: ns, nsLabels: map[string]string{"kubernetes.io/metadata.name": ns}, pod: podLabels, ports: ports}
}

// matches says whether a label selector selects a set of labels; a nil
// selector selects nothing.
func matches(t *testing.T, sel *metav1.LabelSelector, set map[string]string) bool {
	t.Helper()
	if sel == nil {
		return false
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		t.Fatalf("selector %v: %v", sel, err)
	}
	return s.Matches(labels.Set(set))
}

// allowed says whether the policies (all in the manifests' namespace) let
// from open a connection to port on to, as the NetworkPolicy API defines
// it: the sender's egress and the receiver's ingress are each open unless a
// policy selects that pod for that direction, and then open only where a
// rule of one of those policies allows the connection.
func allowed(t *testing.T, policies map[string]networkingv1.NetworkPolicy, from, to endpoint, proto corev1.Protocol, port int32) bool {
	t.Helper()
	return direction(t, policies, networkingv1.PolicyTypeEgress, from, to, proto, port) &&
		direction(t, policies, networkingv1.PolicyTypeIngress, to, from, proto, port)
}

// direction decides one side: subject's egress to peer, or its ingress from
// peer. The destination of the connection (whose named ports a rule may
// use) is peer for egress, subject for ingress.
func direction(t *testing.T, policies map[string]networkingv1.NetworkPolicy, dir networkingv1.PolicyType, subject, peer endpoint, proto corev1.Protocol, port int32) bool {
	if subject.pod == nil || subject.namespace != namespace {
		return true
	}
	dest := subject
	if dir == networkingv1.PolicyTypeEgress {
		dest = peer
	}
	isolated := false
	for _, p := range policies {
		if !matches(t, &p.Spec.PodSelector, subject.pod) || !hasType(p.Spec, dir) {
			continue
		}
		isolated = true
		if dir == networkingv1.PolicyTypeIngress {
			for _, rule := range p.Spec.Ingress {
				if peersMatch(t, rule.From, peer) && portsMatch(rule.Ports, dest, proto, port) {
					return true
				}
			}
		} else {
			for _, rule := range p.Spec.Egress {
				if peersMatch(t, rule.To, peer) && portsMatch(rule.Ports, dest, proto, port) {
					return true
				}
			}
		}
	}
	return !isolated
}

// hasType says whether a policy applies to a direction: as listed, or when
// it lists none, ingress always and egress when it has egress rules.
func hasType(spec networkingv1.NetworkPolicySpec, dir networkingv1.PolicyType) bool {
	if len(spec.PolicyTypes) == 0 {
		return dir == networkingv1.PolicyTypeIngress || len(spec.Egress) > 0
	}
	for _, pt := range spec.PolicyTypes {
		if pt == dir {
			return true
		}
	}
	return false
}

// peersMatch says whether a rule's peers include e; no peers means anyone.
func peersMatch(t *testing.T, peers []networkingv1.NetworkPolicyPeer, e endpoint) bool {
	if len(peers) == 0 {
		return true
	}
	for _, p := range peers {
		if p.IPBlock != nil {
			if e.ip.IsValid() && inBlock(t, p.IPBlock, e.ip) {
				return true
			}
			continue
		}
		if e.pod == nil {
			continue
		}
		inNamespace := e.namespace == namespace
		if p.NamespaceSelector != nil {
			inNamespace = matches(t, p.NamespaceSelector, e.nsLabels)
		}
		podOK := p.PodSelector == nil || matches(t, p.PodSelector, e.pod)
		if inNamespace && podOK {
			return true
		}
	}
	return false
}

func inBlock(t *testing.T, b *networkingv1.IPBlock, ip netip.Addr) bool {
	cidr, err := netip.ParsePrefix(b.CIDR)
	if err != nil {
		t.Fatalf("ipBlock %s: %v", b.CIDR, err)
	}
	for _, ex := range b.Except {
		if p, err := netip.ParsePrefix(ex); err == nil && p.Contains(ip) {
			return false
		}
	}
	return cidr.Contains(ip)
}

// portsMatch says whether a rule's ports include proto/port on dest; no
// ports means every port. A named port is dest's container port of that
// name.
func portsMatch(ports []networkingv1.NetworkPolicyPort, dest endpoint, proto corev1.Protocol, port int32) bool {
	if len(ports) == 0 {
		return true
	}
	for _, p := range ports {
		want := corev1.ProtocolTCP
		if p.Protocol != nil {
			want = *p.Protocol
		}
		if want != proto {
			continue
		}
		switch {
		case p.Port == nil:
			return true
		case p.Port.Type == intstr.Int: // a number, maybe a range
			hi := p.Port.IntVal
			if p.EndPort != nil {
				hi = *p.EndPort
			}
			if port >= p.Port.IntVal && port <= hi {
				return true
			}
		default:
			for _, cp := range dest.ports {
				cpProto := cp.Protocol
				if cpProto == "" {
					cpProto = corev1.ProtocolTCP
				}
				if cp.Name == p.Port.StrVal && cp.ContainerPort == port && cpProto == proto {
					return true
				}
			}
		}
	}
	return false
}

// TestOnlyTheBotReachesRedis plays connections against each overlay's
// NetworkPolicies: Redis takes connections from the bot's pods alone and
// makes none; the bot takes them from Prometheus, and in the webhook overlay
// from the ingress controller, and reaches out only to Redis, DNS and HTTPS.
func TestOnlyTheBotReachesRedis(t *testing.T) {
	for _, overlay := range overlays {
		t.Run(overlay, func(t *testing.T) {
			r := render(t, overlay)
			botTemplate := r.deployments["kubequiz"].Spec.Template
			redisTemplate := r.statefulSets["kubequiz-redis"].Spec.Template
			var (
				bot      = pod(namespace, botTemplate.Labels, botTemplate.Spec.Containers[0].Ports...)
				redis    = pod(namespace, redisTemplate.Labels, redisTemplate.Spec.Containers[0].Ports...)
				intruder = pod(namespace, map[string]string{"app": "intruder"},
					corev1.ContainerPort{Name: "db", ContainerPort: 5432})
				// The bot's labels in another namespace are not the bot.
				lookalike       = pod("default", botTemplate.Labels)
				prometheus      = pod("monitoring", map[string]string{"app.kubernetes.io/name": "prometheus"})
				otherPrometheus = pod("default", map[string]string{"app.kubernetes.io/name": "prometheus"})
				ingressNginx    = pod("ingress-nginx", map[string]string{"app.kubernetes.io/name": "ingress-nginx"})
				kubeDNS         = pod("kube-system", map[string]string{"k8s-app": "kube-dns"})
				slackAPI        = endpoint{ip: netip.MustParseAddr("203.0.113.10")}
				webhook         = overlay == "webhook"
			)
			tcp, udp := corev1.ProtocolTCP, corev1.ProtocolUDP
			for _, c := range []struct {
				what     string
				from, to endpoint
				proto    corev1.Protocol
				port     int32
				want     bool
			}{
				{"bot → Redis", bot, redis, tcp, 6379, true},
				{"bot → Redis on another port", bot, redis, tcp, 6380, false},
				{"another pod → Redis", intruder, redis, tcp, 6379, false},
				{"the bot's labels in another namespace → Redis", lookalike, redis, tcp, 6379, false},
				{"Prometheus → Redis", prometheus, redis, tcp, 6379, false},
				{"the ingress controller → Redis", ingressNginx, redis, tcp, 6379, false},
				{"Redis → the Internet", redis, slackAPI, tcp, 443, false},
				{"Redis → DNS", redis, kubeDNS, udp, 53, false},

				{"Prometheus → the bot's HTTP port", prometheus, bot, tcp, 8080, true},
				{"a Prometheus in another namespace → the bot", otherPrometheus, bot, tcp, 8080, false},
				{"another pod → the bot", intruder, bot, tcp, 8080, false},
				{"the ingress controller → the bot", ingressNginx, bot, tcp, 8080, webhook},
				{"the ingress controller → the bot on another port", ingressNginx, bot, tcp, 9090, false},

				{"bot → DNS (UDP)", bot, kubeDNS, udp, 53, true},
				{"bot → DNS (TCP)", bot, kubeDNS, tcp, 53, true},
				{"bot → Slack and Telegram (HTTPS)", bot, slackAPI, tcp, 443, true},
				{"bot → plain HTTP outside", bot, slackAPI, tcp, 80, false},
				{"bot → another pod's database", bot, intruder, tcp, 5432, false},

				// Pods no policy selects keep talking: the policies close
				// only what they name.
				{"another pod → another pod", intruder, intruder, tcp, 5432, true},
			} {
				if got := allowed(t, r.networkPolicies, c.from, c.to, c.proto, c.port); got != c.want {
					t.Errorf("%s (%s/%d): allowed = %v, want %v", c.what, c.proto, c.port, got, c.want)
				}
			}
		})
	}
}
