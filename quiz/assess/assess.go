// Package assess scores an answer typed in words against a question's key
// points, deterministically: no network, no model, no randomness. The same
// answer to the same bank always gets the same verdict, and the verdict is
// explained point by point: which points are covered, by which words.
//
// # Keywords
//
// Each key point has keywords: the concepts of the synonym table (lexicon.go)
// that its text names, the Latin identifiers it names that the table does
// not know (kubeconfig, SecurityContextDeny), and the keywords its author
// gave. A concept is matched by any of its forms, English or Chinese, full
// or abbreviated (ReadWriteOnce = RWO = read-write once; 存活探针 =
// livenessProbe = liveness probe), in text normalised as textnorm does it
// (NFKC, so full-width ＲＷＯ is RWO; case), with English inflections
// stripped; Latin forms match whole words, Chinese ones as written, the
// longest first, unless its last word begins a longer form: "read only
// many nodes" is read-only and many nodes, not ReadOnlyMany and nodes. The
// nouns every answer uses (pod, container, node, cluster) are never
// keywords. The table also knows what the main terms mean (a liveness
// probe's failure restarts the container): said in the same passage as
// the term, those descriptors count too, though never required; a
// policy's value means what its policy makes it mean (Always restarts a
// container under restartPolicy, pulls an image under imagePullPolicy), in
// a question that names the policy. A value Kubernetes spells capitalised
// that is a common English word too (Available, Delete) is the value only
// as written, or in lower case alone before a colon, as a heading of what
// is said of it ("available: pv可用"); in running lower case it is the
// word, which says what the value means ("Delete removes the volume with
// the PVC"). A word that no form spells, one edit from a spelling of one
// of the question's terms and of no other term, names that term (people
// type "Nevr", "OnFailre", "ReadWriteOncePdo"; see typos.go); and a
// command named after its act, typed in full and with nothing said of
// it, says what it does ("kubectl drain" evicts; see commands). An
// author's keyword
// made of descriptors alone (单一节点读写, 退出重启) is no term of its own
// but a phrase of them: it says what the terms of its point mean. Any
// other is a term of its own that names what its words name too, in the
// sense they say it: a keyword adds to the concepts of its point's text,
// never takes them away ("kubectl scale" still says kubectl and scaling,
// "未调度" scheduling, negated, as "还没有被调度" does), and is named by
// no phrase that says what anything means.
//
// A note to the reader in a point, a parenthesis that opens with 注：
// ("（注：这些云盘的 in-tree 插件已移除……）") or a whole point that does, says
// what changed since the answer was written. An answer need not say it:
// its words are no keywords, and a point that is all note is not scored.
//
// Keywords do not all tell as much. One that several of a question's points
// share says little about which is covered: a keyword weighs 1 divided by
// the number of the question's points that have it, and half that when the
// title names it. The exception is a point's name, the words before the
// colon it opens with ("Delete：删除，……"): it is what the point is about,
// and weighs 1 there however many other points mention it in passing. The title is given to the learner, so its keywords are
// never evidence alone: a point with no other keyword is not scored.
//
// # Coverage
//
// An answer is read in clauses (split at stops, semicolons, commas,
// enumeration commas, colons and line ends), but a colon after a subject
// alone, a heading, joins what follows to it: "RWO：多节点读写" is read as
// "RWO 多节点读写", said of RWO. People typing on phones
// leave punctuation out: a clause that names two or more of the
// question's subjects (the terms its points are about: a point's name, or
// the first term a point without one names in its first clause; one that
// opens with when or whether, "宽限期结束后，……发送 SIGKILL", is a step
// of what the title names, about none), each followed by a
// descriptor of one of them (what the table knows it means, or what its
// point says of it), is read as if a comma came before each, so "RWO one
// node read write ROX many nodes read only" is two clauses, as "RWO
// 单节点读写 ROX 多节点只读" is, and so is "kubectl rollout history shows
// the revisions and kubectl rollout undo rolls back". A clause where a
// subject is followed by none ("RWO ROX RWX", "Service and Endpoints
// changes"), or whose Chinese keywords are set apart by spaces, as
// keywords are listed ("RWO 单个节点 读写 ROX 多个节点 只读"), stays as
// typed; a space next to a word that is no keyword stands for a comma
// ("undo 回滚 加 --to-revision 指定版本 先用 rollout history"); and a
// conjunction before a point's name, after another's, joins a new item as
// a comma does ("UTS and volumes", "UTS 共享主机名和存储卷"). A point
// is covered when one passage of at most PassageClauses clauses names
// keywords of the point weighing at least CoverShare of the point's total
// weight, or CoverCap, whichever is less; two distinct keywords when the point has three or
// more and two at least that the title does not name (echoing the title,
// which the learner was given, adds no evidence); and one the title does
// not name, nor the point's name where the point says more of it: naming
// what a point is about ("volumes") is not saying it, and shows the point
// named, not explained, as naming a subject does (unless the answer
// claims what the point denies, see below). A clause whose subject (the first concept it names) is a term
// of another of the question's points is about that point: no passage for
// this one includes it, so meanings swapped between two terms cover
// neither; so is a clause whose subject is a term the reference answer
// names outside its points ("Recycle which is the default", where Recycle,
// deprecated, is no point but Delete's says it is the default); unless
// this one is about no subject of its own, a property or
// a step of what the title names, which what is said of another term may
// be ("Raft keeps the data consistent" covers the point on consistency,
// "kubectl scale 修改副本数" the one on changing the replicas). Nor does a clause, with those that go on from it, whose
// descriptors fit a rival subject better: each of them that the point
// says, the rival's point says too, and one says what the rival alone
// means ("RWX 是多节点只读": many nodes is said of RWX and ROX, read-only
// only of ROX; "Always 只有失败才重启" is OnFailure's restart on failure). A term the title names is another point's only when this point
// has a term of the title's its own too (liveness and readiness); a point
// that has none is about all the title names ("IPVS 支持更复杂的负载均衡
// 算法"). A clause that names none of the question's subjects, nor a
// point's name, and goes on with the sentence of the clause before it is
// said of that clause's subject ("Delete 会一起删掉，要管理员手动清理" is all about Delete), and
// is no evidence for a point about another subject, unless it names a
// term that another point alone names, which is that point's matter
// ("node taints or affinity that no node matches", after "a PVC that
// cannot bind", is the scheduler failing); a point about none,
// a step of a process, may follow another's after a comma ("有 preStop
// 钩子就执行，宽限期过了还有进程就强制杀掉"). What
// one subject means (see Keywords), or is, as its point's name is glossed
// with one word ("Delete：删除"), is no evidence for a point about another
// subject, unless it is what that one is or means too. Retain's point
// says what happens when the PVC is deleted, but "Retain deletes the
// volume with the PVC" says Retain is Delete; Never's forbids pulling
// from the registry, but "Never pulls from the registry every time" says
// Never is Always: each covers neither. Nor is a clause that says the
// contrary of a point's keyword, not negated and without the keyword
// (see opposites in lexicon.go), evidence for it: "多个时并行执行" for
// "按顺序逐个运行", "eventually consistent" for 一致性, Paxos for Raft,
// an exit code of 0 for 非0, a single node for many nodes ("ROX:
// read-only by a single node"); after, or at the same time, for before only
// said of the same things ("初始化容器在应用容器启动之后运行",
// "初始化容器和应用容器同时并行启动", not "the app containers start after
// the init containers" nor "多个 init 容器并行执行"). Nor is a clause that
// says of a point's subject what only a rival subject is, as its point
// says and the table knows it means, the default alone ("OnFailure is the
// default and restarts on a non-zero exit code": Always is the default;
// see singular in lexicon.go). Nor is a clause that
// claims what a point denies, a negator right before a keyword ("PID 命名
// 空间：默认不共享"): one that says the keyword plainly and, of the point's
// keywords, only those the denial is said of ("容器默认共享 PID 命名空间",
// "they share the PID namespace by default"); "shared only with
// shareProcessNamespace" names when it holds. A negator before 比 denies
// the comparison ("偶数个节点并不比少一个的奇数个节点更能容错"): a clause
// that makes it ("偶数个比奇数个更能容错", "4 nodes tolerate more failures
// than 3", than after the keyword) claims what the point denies, one that
// says the keyword without comparing, or denies the comparison ("no more
// failures than 3"), does not. Keywords scattered
// over a long answer cover nothing: they must be said together, as an
// explanation is. The passage is the point's evidence: of those that cover the
// point, one with the fewest clauses that name another point's subject
// and none of this one's, which may name its keywords in passing (the
// priorities point takes the nodes that passed the predicates, but
// "filtering (predicates) removes the nodes that don't fit" is the
// predicates' evidence, not the priorities').
//
// A clause that says a step of a point need not be done ("不用先设置不可
// 调度", "no need to cordon") is no evidence for it, and shows it wrong;
// so is one that says plainly what a point denies after a negator and a
// verb ("无头service没有cluster ip", said 有 cluster ip). A clause's
// subject is its first term even after a descriptor right after a
// determiner ("a failing liveness probe"). Where a point is a step that
// follows another's, naming that one's subject or name beside its own
// ("打分：输入是过滤阶段筛选出的节点"), an answer that says the later step
// comes first (先, first), naming the earlier one after, covers neither:
// both are wrong ("先打分……然后再过滤", "scoring first ranks every node,
// then filtering …").
//
// A point not covered is wrong when the answer says of its subject what
// another point's subject is or means, the contrary of what it says, or
// what it denies ("OnFailure 总是重启", "Retain 删除", "RWO：多节点读写"),
// and named when the answer names its subject otherwise, alone or with
// words that say nothing the scorer recognises as its point's or a
// rival's ("Delete：删除"): the learner is told "you said it wrong" apart
// from "you named it" and from "you left it out".
//
// # Precision
//
// Two checks keep terms from passing for an answer:
//
//   - Keyword stuffing: the answer names at least StuffingMinForeign terms
//     (named things: components, objects, modes, policies) that neither the
//     question's title nor its reference answer names, and they make up at
//     least StuffingForeignShare of the distinct terms it names. An honest
//     answer names a few neighbouring terms; one stuffed with the bank's
//     vocabulary names many. It covers nothing, and gets Again.
//   - Keyword list: less than ListExplanationShare of the answer is
//     explanation. Explanation is the words that belong to no keyword of
//     any kind (是, 会, 把, when, the …), and the descriptors a clause
//     says of the one term it names: what the table knows the term
//     means, or the author's phrases for its point say it means (see
//     Keywords): "RWO 单节点读写", "RWO one node read write", "RWO: one
//     node, read-write", a clause after a colon being said of the term
//     before it; and any descriptor of the question's points said so,
//     rightly or wrongly ("RWO 多节点读写" explains RWO wrongly; "PVC 动态
//     创建失败"), unless the clause is typed as keywords are listed, its
//     Chinese keywords set apart by spaces or three keywords or more
//     apart by spaces alone ("DaemonSet 每个节点 日志收集 监控"). A
//     term of the title's beside the one term of the answer's own it
//     names is what that one is said about ("available: pv可用"). A
//     term's names and the descriptors said of no term are not
//     explanation: "RWO, ROX, RWX" and "RWO 单个节点
//     读写 ROX 多个节点 只读" are lists; so are the words the scorer does
//     not know in a clause typed as a list, three items or more set apart
//     by spaces ("Raft 一致性 leader follower 日志复制"), and a descriptor
//     of the points in a sentence naming several terms is explanation
//     ("HPA 控制器根据 CPU 利用率自动增减副本数"); a copy of a title that is
//     all keywords lists nothing. A list explains nothing: its
//     points are shown named, none covered, and it gets Again, as its
//     count proposes.
//
// # Grade
//
// Covering every scored point proposes Good (Easy is the learner's own
// choice), at least half of them Hard, fewer Again; an empty answer gets
// Again. These thresholds, and those above, were set on the labelled
// answers of testdata/labelled.md and are checked on those of
// testdata/heldout.md and testdata/heldout2.md too.
package assess

import (
	"errors"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/srs"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// The thresholds of scoring; see the package documentation.
const (
	// CoverShare is the share of a point's keyword weight that covers it.
	CoverShare = 0.4
	// CoverCap is the keyword weight that covers any point, however long:
	// two distinctive keywords said together.
	CoverCap = 2.0
	// PassageClauses is the most clauses one passage of evidence spans.
	PassageClauses = 3
	// TitleWeight scales the weight of a keyword the question's title names.
	TitleWeight = 0.5
	// OffTopicMinForeign is the fewest foreign terms that make an answer
	// that names none of the question's subjects off-topic.
	OffTopicMinForeign = 2
	// StuffingMinForeign is the fewest foreign terms that make stuffing.
	StuffingMinForeign = 8
	// StuffingForeignShare is the share of foreign terms, among all the
	// distinct terms an answer names, that makes stuffing.
	StuffingForeignShare = 0.6
	// ListExplanationShare is the share of explanation below which an
	// answer is a keyword list.
	ListExplanationShare = 0.1
	// MinKeywords is the fewest keywords a point needs to be scored well;
	// Gaps lists the points with fewer.
	MinKeywords = 2
	// MaxAnswerRunes is the longest answer scored; the rest is ignored and
	// the result flagged Truncated.
	MaxAnswerRunes = 20000
	// maxPointKeywords bounds the keywords of one point (a point is a
	// sentence or a bullet: real ones have a few dozen at most).
	maxPointKeywords = 64
	// excerptRunes bounds the passage shown as a point's evidence.
	excerptRunes = 160
)

// Point is one key point of a question, as the scorer is given it.
type Point struct {
	// Text is the whole point, as in the bank.
	Text string
	// Keywords are the point's author-given keywords, added to those
	// derived from its text. A keyword the synonym table knows brings its
	// synonyms.
	Keywords []string
}

// Question is a question as the scorer is given it.
type Question struct {
	ID    string
	Title string
	// Points are the key points, in the order of the reference answer.
	Points []Point
	// Reference is the whole reference answer as plain text, if known: the
	// terms it names, in its points or not, are the question's own and
	// never count as foreign.
	Reference string
}

// Evidence is one keyword an answer names for a point.
type Evidence struct {
	// Keyword names the keyword as the point's vocabulary has it
	// ("ReadWriteOnce").
	Keyword string
	// Found is the form the answer used ("RWO").
	Found string
}

// PointResult is the verdict on one key point.
type PointResult struct {
	// Text is the point's text.
	Text string
	// Scored is false for a point with no keyword (a note to the reader
	// has none): it cannot be checked, and counts neither as covered nor
	// as missed.
	Scored bool
	// Covered reports whether the answer covers the point.
	Covered bool
	// Evidence are the point's keywords found in the best passage, in the
	// answer's order; Excerpt is that passage (cut at 160 characters). Both
	// are set for a point partly named but not covered too.
	Evidence []Evidence
	Excerpt  string
	// Named: the point is not covered, but the answer names what it is
	// about (its subject: "ReadWriteOnce" in a list of the access modes)
	// without saying what that is, or says something of it that the
	// scorer does not recognise as what the point says ("Never：从不拉取
	// 镜像" where the point says 禁止下载).
	Named bool
	// Wrong: the point is not covered, and the answer says something of
	// its subject that the point contradicts (see Scorer.wrongClause): what
	// another point's subject is or means ("OnFailure 总是重启", "Retain
	// 删除"), the contrary of what the point says, or what it denies.
	// Named and Wrong are never both set.
	Wrong bool
	// WrongExcerpt is, for a point shown wrong, the clause judged wrong
	// (cut at 160 characters): what the learner is told they said.
	WrongExcerpt string
}

// Flag marks something about an answer that the reply should say.
type Flag uint8

// The flags of a Result.
const (
	// Empty: the answer has no word in it.
	Empty Flag = 1 << iota
	// Truncated: the answer was longer than MaxAnswerRunes; the rest was
	// not read.
	Truncated
	// KeywordList: the answer lists terms without explaining them; the
	// grade is Again.
	KeywordList
	// Stuffing: the answer names mostly other questions' terms; it covers
	// nothing.
	Stuffing
	// Unscorable: the question has no key point with a keyword; the grade
	// is Again and the learner should grade themselves.
	Unscorable
	// OffTopic: the answer is about other questions' subjects more than
	// this one's (see Scorer.offTopic); it covers nothing. Last, as flags
	// are stored with interview steps.
	OffTopic
)

var flagNames = []string{"empty", "truncated", "keyword-list", "stuffing", "unscorable", "off-topic"}

// Has reports whether f includes every flag of x.
func (f Flag) Has(x Flag) bool { return f&x == x }

// String names the flags, comma-separated, or "none".
func (f Flag) String() string {
	var names []string
	for i, n := range flagNames {
		if f&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ",")
}

// Result is the verdict on one answer.
type Result struct {
	// Points are the verdicts on the question's key points, in order.
	Points []PointResult
	// Covered is k and Scored is n of "k/n key points".
	Covered, Scored int
	// Grade is the proposed FSRS grade: Again, Hard or Good, never Easy.
	Grade srs.Grade
	Flags Flag
}

// ErrUnknownQuestion is returned by Score for an ID the scorer was not
// built with.
var ErrUnknownQuestion = errors.New("assess: unknown question")

// Scorer scores answers to the questions it was built with. It is
// immutable and safe for concurrent use.
type Scorer struct {
	lex       *vocabulary
	questions map[string]*prepared
	order     []string
	// subjects are the terms some question's points are about, beyond its
	// title, and those only one question names: an answer about those of
	// another question is off-topic (see offTopic).
	subjects map[int]bool
}

// prepared is a question with its points' keywords derived.
type prepared struct {
	id, title string
	points    []preparedPoint
	// own are the concepts of the title and the points: an answer's terms
	// outside own are foreign.
	own map[int]bool
	// inTitle are the concepts of the title.
	inTitle map[int]bool
	// aboutSubjects: some point is about a subject beyond the title (see
	// Scorer.offTopic).
	aboutSubjects bool
	// phrased has, for each term of the points, the descriptors that the
	// author's phrases for its points name (单节点读写, 退出重启): what
	// the author says the term means, as the lexicon's meanings do.
	phrased map[int][]int
	// explained has, for each concept the question names, what says its
	// meaning here: its meanings in this question (meaningsIn) and its
	// author's phrases; worked out once, for describes.
	explained map[int][]int
	// subjects are the terms the points are about: those of a point's
	// name (see pointName), or, for a point without one, the first term
	// its first clause names (see addSubject). An unpunctuated clause is
	// split before them (see splitAtSubjects).
	subjects map[int]bool
	// told are the descriptors the points about subjects say of them
	// ("kubectl rollout history 查看deployment的历史版本" says 历史版本 of
	// rollout history).
	told map[int]bool
	// marks has, for each term one point alone names beyond the title
	// and the subjects (taints, of the point on the scheduler failing),
	// that point's index: a clause that names one is about that point's
	// matter, and does not go on from a clause about another point's
	// subject (see reading.goesOn).
	marks map[int]int
	// glossed has, for each term a point is named by, the descriptors
	// its gloss names ("Retain：保留" glosses Retain as 保留; see
	// pointGloss): the name said again, in other words.
	glossed map[int][]int
	// names are the concepts the points' names name, beyond the title's
	// ("Volumes（共享存储卷）" names volumes): an item of its own after a
	// conjunction (see conjoinedNames).
	names map[int]bool
}

// addSubject records the terms a point is about, given its own keywords,
// the mask of those its name names and the concepts its first clause
// names, and returns them. A point without a name is about the first term
// its first clause names, if any: one that opens with when or whether
// ("宽限期结束后，……kubelet 发送 SIGKILL") is a step, about no term.
func (p *prepared) addSubject(lex *vocabulary, own []int, named uint64, opening []int) []int {
	var about []int
	for ki, c := range own {
		if lex.concepts[c].kind != term || named != 0 && named&(1<<ki) == 0 || named == 0 && !slices.Contains(opening, c) {
			continue
		}
		p.subjects[c], about = true, append(about, c)
		if named == 0 {
			break
		}
	}
	for _, c := range own {
		if len(about) > 0 && lex.concepts[c].kind == word {
			p.told[c] = true
		}
	}
	return about
}

// untitledSubjects are the point's subjects the question's title does not
// name: an answer that says a subject the title gave it ("pv 有几种状态"
// of the question on PV's phases) names no point about it.
func (pt *preparedPoint) untitledSubjects() []int {
	var out []int
	for _, c := range pt.subjects {
		if ki := slices.Index(pt.keywords, c); ki < 0 || ki >= 64 || pt.titled&(1<<ki) == 0 {
			out = append(out, c)
		}
	}
	return out
}

// untitledName are the keywords of the point's name the title does not
// name ("Volumes（共享存储卷）" is named volumes): an answer that says one
// names the point, though its name be no term.
func (pt *preparedPoint) untitledName() []int {
	var out []int
	for ki, c := range pt.keywords[:min(pt.own, 64)] {
		if pt.named&^pt.titled&(1<<ki) != 0 {
			out = append(out, c)
		}
	}
	return out
}

// calledBy are what an answer names the point by: its subjects and the
// keywords of its name, those the title does not name.
func (pt *preparedPoint) calledBy() []int {
	return append(pt.untitledSubjects(), pt.untitledName()...)
}

// preparedPoint is a key point ready to be checked.
type preparedPoint struct {
	text string
	// note: the point is a note to the reader alone (see textnorm.IsNote),
	// never meant to be scored.
	note bool
	// keywords are concept IDs: first the point's own, in the order its
	// text names them, then the descriptors the lexicon gives the terms it
	// names (see meanings), which count when said but are not required.
	keywords []int
	own      int // how many of keywords are the point's own
	// about: the point is about a subject of its own (see
	// prepared.subjects), not a step or a property of what the title
	// names.
	about bool
	// subjects are the terms the point is about (see prepared.subjects).
	subjects []int
	// named masks the keywords of the point's name (see pointName).
	named uint64
	// titled masks the keywords the question's title names: the learner
	// is given those, so they are never evidence alone.
	titled uint64
	// contested masks the descriptors of the point's own that are what a
	// rival subject is or means, and not what the point's terms are or
	// mean: never evidence (see prepared.contested).
	contested uint64
	// negated and plain mask the keywords the point's text names only
	// negated ("永不重启", "不为0") or only plainly: an answer's mention
	// is evidence only in the point's sense (see sameSense).
	negated, plain uint64
	// failing masks the plain keywords the point's text says fail
	// ("调度失败"): an answer that negates them says it too (see
	// sameSense).
	failing uint64
	// denials are what the point denies ("PID 命名空间：默认不共享"): a
	// clause that claims it is no evidence for the point (see
	// claimsDenied).
	denials []denial
	// sources has, for each descriptor after own, the mask of the own
	// keywords whose meaning it is: it counts only in a passage that names
	// one of them.
	sources  []uint64
	weights  []float64
	need     float64
	distinct int // distinct keywords needed
	// rivals are the terms other points of the question name and this one
	// does not: a clause whose subject is one is about another point, and
	// no passage about this one includes it. The title's terms are rivals
	// only of a point that has one of them its own, which no other point
	// names: another point is about what the title names as a whole
	// ("IPVS 支持更复杂的负载均衡算法" is about IPVS though that point
	// names iptables alone).
	rivals map[int]bool
	// said are the descriptors the point says or its subjects mean, and
	// rivalSays what each rival subject's points say and what it means: a
	// clause whose descriptors fit a rival better than this point is about
	// that rival (see fitsRival).
	said      []int
	rivalSays []rivalSays
	// aside are the subjects of the other points: a clause that names
	// one and none of this point's subjects is about another point, and
	// the point's evidence leaves it out where it can (see check).
	aside []int
	// opposed are the contraries of the point's keywords that the point
	// does not say itself (see opposites and contradicts).
	opposed []opposed
	// rivalOwn are the singular descriptors a rival subject has, that
	// its point says, and that this point neither says nor means
	// (Always's default, for OnFailure): said of this point's subject,
	// they say it is the rival (see claimsRivals).
	rivalOwn []int
	// after are the earlier points whose subjects this one names beside
	// its own: it is a step that follows theirs ("打分：输入是过滤阶段筛选
	// 出的节点" follows filtering; see outOfOrder).
	after []int
}

// opposed is the contrary of one of a point's keywords.
type opposed struct {
	contrary int
	keyword  int // index in the point's keywords
	// relational: a contrary said of the same things only (see
	// opposite); relata are the things the point's clause that says the
	// keyword names.
	relational bool
	relata     []int
}

// opposedIn are the contraries of the keywords kws of a point's text that
// the text does not say itself.
func (v *vocabulary) opposedIn(text string, kws []int) []opposed {
	toks := tokenize(normalise(text))
	ms := v.trie.match(toks)
	says := func(c int) bool {
		return slices.Contains(kws, c) || slices.ContainsFunc(ms, func(m mention) bool { return slices.Contains(m.concepts, c) })
	}
	var out []opposed
	for ki, k := range kws {
		for _, o := range v.contraries[k] {
			if says(o.concept) {
				continue
			}
			op := opposed{contrary: o.concept, keyword: ki, relational: o.relational}
			for _, m := range ms {
				if !slices.Contains(m.concepts, k) {
					continue
				}
				for _, n := range ms {
					if toks[n.first].clause != toks[m.first].clause {
						continue
					}
					for _, c := range n.concepts {
						if c != k && v.concepts[c].kind != word {
							op.relata = appendNew(op.relata, c)
						}
					}
				}
			}
			out = append(out, op)
		}
	}
	return out
}

// contradicts reports whether a clause that names hits says the contrary
// of one of the point's keywords: it names the contrary, not negated, and
// not the keyword. A relational contrary ("之后" for "之前") contradicts
// only a clause that opens with a term of the point's and names another
// thing that the point's clause relates it to ("初始化容器在应用容器启动之后
// 运行").
func (pt preparedPoint) contradicts(lex *vocabulary, r reading, hits []hit) bool {
	for _, op := range pt.opposed {
		if !slices.ContainsFunc(hits, func(h hit) bool { return h.concept == op.contrary && !r.negated[h.mention] }) ||
			hasConcept(hits, pt.keywords[op.keyword]) {
			continue
		}
		if !op.relational {
			return true
		}
		first := hits[0].concept
		if lex.concepts[first].kind == term && slices.Contains(pt.keywords[:pt.own], first) &&
			slices.ContainsFunc(hits[1:], func(h hit) bool { return h.concept != first && slices.Contains(op.relata, h.concept) }) {
			return true
		}
	}
	return false
}

// rivalSays is what the points about a rival subject say, and what the
// subject means (see vocabulary.meaningsIn, and a point's gloss).
type rivalSays struct {
	said, means []int
}

// FromBank builds a scorer for every question of b, from their key points'
// text and the keywords their authors gave.
func FromBank(b *bank.Bank) *Scorer {
	var qs []Question
	for _, q := range b.Questions() {
		pts := make([]Point, len(q.KeyPoints))
		for i, kp := range q.KeyPoints {
			pts[i] = Point{Text: kp.Text, Keywords: kp.Keywords}
		}
		qs = append(qs, Question{ID: q.ID, Title: q.Title, Points: pts, Reference: rich.Plain(q.Answer)})
	}
	s, err := New(qs)
	if err != nil {
		panic("assess: a bank with duplicate IDs: " + err.Error()) // bank.New refuses them
	}
	return s
}

// New builds a scorer for the questions. IDs must be unique and not empty.
func New(qs []Question) (*Scorer, error) {
	s := &Scorer{lex: newVocabulary(), questions: make(map[string]*prepared, len(qs))}
	for _, q := range qs {
		if q.ID == "" {
			return nil, errors.New("assess: a question without an ID")
		}
		if _, dup := s.questions[q.ID]; dup {
			return nil, errors.New("assess: duplicate question ID " + q.ID)
		}
		s.questions[q.ID] = nil
	}
	// The identifiers the table does not know become terms of their own
	// first, so that every question's text, and every author's keyword,
	// is read with all of them.
	for _, q := range qs {
		s.lex.addLiterals(q.Title)
		for _, p := range q.Points {
			s.lex.addLiterals(textnorm.WithoutNotes(p.Text))
		}
	}
	for _, q := range qs {
		for _, p := range q.Points {
			for _, k := range p.Keywords {
				s.lex.addKeyword(k)
			}
		}
	}
	s.subjects = map[int]bool{}
	for _, q := range qs {
		p := s.prepare(q)
		s.questions[q.ID] = p
		s.order = append(s.order, q.ID)
		for _, pt := range p.points {
			for _, c := range pt.untitledSubjects() {
				s.subjects[c], p.aboutSubjects = true, true
			}
		}
	}
	for c := range s.termsOfOneQuestion() {
		s.subjects[c] = true
	}
	return s, nil
}

// termsOfOneQuestion are the main terms of the bank, those the table
// knows the meaning of, that only one question names, in its title or its
// answer: what that question alone is about, though no point of it need
// be (Recycle, named by the reclaim policies' answer as a policy no
// longer used). A tool's name (kubectl) explains nothing and is no one
// question's however few name it.
func (s *Scorer) termsOfOneQuestion() map[int]bool {
	named := map[int]int{}
	for _, p := range s.questions {
		for c := range p.own {
			if len(s.lex.meanings[c]) > 0 {
				named[c]++
			}
		}
	}
	one := map[int]bool{}
	for c, n := range named {
		if n == 1 {
			one[c] = true
		}
	}
	return one
}

// prepare derives the keywords and weights of a question's points, in
// steps: the question's concepts, each point's keywords, what the terms
// mean here, what the points say, how they relate to each other, and the
// weights.
func (s *Scorer) prepare(q Question) *prepared {
	p := newPrepared(s.lex, q)
	df := map[int]int{} // how many points have each keyword
	for _, pt := range q.Points {
		p.addPoint(s.lex, pt, df)
	}
	p.explain(s.lex)
	k := p.kinOf(s.lex, q.Reference)
	for i := range p.points {
		p.relate(s.lex, i, k)
		p.points[i].weigh(df, p.inTitle)
	}
	return p
}

// newPrepared is a question with the concepts of its title, and those its
// title, reference answer and points name, its own; no point yet.
func newPrepared(lex *vocabulary, q Question) *prepared {
	p := &prepared{id: q.ID, title: q.Title, own: map[int]bool{}, phrased: map[int][]int{}, subjects: map[int]bool{}, told: map[int]bool{},
		inTitle: map[int]bool{}, names: map[int]bool{}, glossed: map[int][]int{}}
	for _, c := range lex.conceptsOf(q.Title) {
		p.inTitle[c] = true
		p.own[c] = true
	}
	for _, c := range lex.conceptsOf(q.Reference) {
		p.own[c] = true
	}
	for _, pt := range q.Points {
		for _, c := range lex.conceptsOf(textnorm.WithoutNotes(pt.Text)) {
			p.own[c] = true
		}
	}
	return p
}

// addPoint derives a point's keywords, those of its text and its
// author's, and the meanings of its terms after them, what its name and
// gloss name, what it is about, and the senses its text says them in;
// df counts each keyword once more.
func (p *prepared) addPoint(lex *vocabulary, pt Point, df map[int]int) {
	text := textnorm.WithoutNotes(pt.Text)
	kws := lex.conceptsOf(text)
	var phrased []int
	for _, k := range pt.Keywords {
		cs := lex.keywordConcepts(k)
		kws = appendNew(kws, cs...)
		for _, c := range cs {
			if len(cs) > 1 && lex.concepts[c].kind == word && !slices.ContainsFunc(cs, lex.isAuthored) {
				phrased = appendNew(phrased, c)
			}
		}
	}
	if len(kws) > maxPointKeywords {
		kws = kws[:maxPointKeywords]
	}
	own := len(kws)
	for _, c := range kws {
		if lex.concepts[c].kind == term {
			p.phrased[c] = appendNew(p.phrased[c], phrased...)
		}
	}
	var sources []uint64
	for ki, c := range kws[:own] {
		for _, m := range lex.meaningsIn(c, p.own) {
			at := slices.Index(kws, m)
			if at < 0 && len(kws) < maxPointKeywords {
				at = len(kws)
				kws = append(kws, m)
				sources = append(sources, 0)
			}
			if at >= own {
				sources[at-own] |= 1 << ki
			}
		}
	}
	for _, c := range kws {
		df[c]++
	}
	for _, c := range kws[:own] {
		p.own[c] = true
	}
	var named uint64
	for _, c := range lex.conceptsOf(pointName(text)) {
		if ki := slices.Index(kws[:own], c); ki >= 0 {
			named |= 1 << ki
			p.names[c] = !p.inTitle[c] && lex.concepts[c].kind != generic
		}
	}
	if gloss := lex.wholeMention(pointGloss(text)); gloss != nil {
		for ki, c := range kws[:own] {
			if named&(1<<ki) != 0 && lex.concepts[c].kind == term {
				p.glossed[c] = appendNew(p.glossed[c], gloss.concepts...)
			}
		}
	}
	subjects := p.addSubject(lex, kws[:own], named, lex.conceptsOf(firstClause(text)))
	negated, plain, failing := lex.polarityMasks(text, kws)
	p.points = append(p.points, preparedPoint{text: pt.Text, note: text == "" && len(pt.Keywords) == 0,
		keywords: kws, own: own, named: named, sources: sources, about: len(subjects) > 0, subjects: subjects,
		negated: negated, plain: plain, failing: failing, denials: lex.denialsIn(text, kws, named), opposed: lex.opposedIn(text, kws)})
}

// explain works out, for each concept the question names and each term
// its author phrased, what says its meaning here (see explained).
func (p *prepared) explain(lex *vocabulary) {
	p.explained = map[int][]int{}
	explain := func(c int) {
		if _, done := p.explained[c]; !done {
			p.explained[c] = append(slices.Clone(lex.meaningsIn(c, p.own)), p.phrased[c]...)
		}
	}
	for c := range p.own {
		explain(c)
	}
	for c := range p.phrased {
		explain(c)
	}
}

// kin is what relates a question's points to each other.
type kin struct {
	// namedBy counts the points whose own keywords name each concept.
	namedBy map[int]int
	// unpointed are the terms the reference answer names outside its
	// points (see rivals).
	unpointed []int
	// saidOf are what the points about each subject say of it, and meant
	// what it means (see fitsRival).
	saidOf, meant map[int][]int
}

// kinOf records what each point says, and the marks of the points (see
// prepared.marks), and returns what relates the points, the reference
// answer being reference.
func (p *prepared) kinOf(lex *vocabulary, reference string) kin {
	k := kin{namedBy: map[int]int{}, saidOf: map[int][]int{}, meant: map[int][]int{}}
	for i := range p.points {
		pt := &p.points[i]
		for _, c := range pt.keywords {
			if lex.concepts[c].kind == word {
				pt.said = append(pt.said, c)
			}
		}
		for _, c := range pt.subjects {
			k.meant[c] = appendNew(slices.Clone(p.explained[c]), p.glossed[c]...)
			pt.said = appendNew(pt.said, k.meant[c]...)
		}
		for _, c := range pt.subjects {
			k.saidOf[c] = appendNew(k.saidOf[c], pt.said...)
		}
	}
	for _, pt := range p.points {
		for _, c := range pt.keywords[:pt.own] {
			k.namedBy[c]++
		}
	}
	p.marks = map[int]int{}
	for i, pt := range p.points {
		for _, c := range pt.keywords[:pt.own] {
			if k.namedBy[c] == 1 && lex.concepts[c].kind == term && !p.inTitle[c] && !p.subjects[c] {
				p.marks[c] = i
			}
		}
	}
	for _, c := range lex.conceptsOf(textnorm.WithoutNotes(reference)) {
		if lex.concepts[c].kind == term && k.namedBy[c] == 0 && !p.inTitle[c] {
			k.unpointed = append(k.unpointed, c)
		}
	}
	return k
}

// relate works out how point i stands to the others: its rival terms and
// what they say and mean, the subjects aside from it, its contested
// descriptors and the earlier steps it follows. The points before it are
// weighed already.
func (p *prepared) relate(lex *vocabulary, i int, k kin) {
	pt := &p.points[i]
	titledOwn := slices.ContainsFunc(pt.keywords[:pt.own], func(c int) bool { return p.inTitle[c] && k.namedBy[c] == 1 })
	pt.rivals = map[int]bool{}
	for j, other := range p.points {
		for _, c := range other.keywords[:other.own] {
			if j != i && lex.concepts[c].kind == term && !slices.Contains(pt.keywords, c) && (titledOwn || !p.inTitle[c]) {
				pt.rivals[c] = true
			}
		}
		// Another point's subject, though this point names it in
		// passing, is what a clause that names it alone is about (see
		// check): the priorities point takes "the nodes that passed the
		// predicates", but "filtering (predicates) removes the nodes
		// that don't fit" is about the predicates.
		for _, c := range other.subjects {
			if j != i && pt.about && !slices.Contains(pt.subjects, c) && (titledOwn || !p.inTitle[c]) {
				pt.aside = appendNew(pt.aside, c)
			}
		}
	}
	for _, c := range k.unpointed {
		if !slices.Contains(pt.keywords, c) {
			pt.rivals[c] = true
		}
	}
	if pt.named == 0 && !slices.ContainsFunc(pt.subjects, func(c int) bool { return !p.inTitle[c] || k.namedBy[c] == 1 }) {
		// A point about no subject of its own (none it is named by,
		// none beyond the title's that other points name too), a
		// property or a step of what the title names, has no rival
		// subjects: what a clause says of another point's term may
		// well be it ("Raft keeps the data consistent across members"
		// says the data is consistent; "kubectl scale 修改副本数" that
		// scaling changes the replicas).
		clear(pt.rivals)
	}
	for r := range pt.rivals {
		if len(k.meant[r]) > 0 && pt.about {
			pt.rivalSays = append(pt.rivalSays, rivalSays{said: k.saidOf[r], means: k.meant[r]})
			pt.rivalOwn = appendNew(pt.rivalOwn, p.singularOf(lex, r, k.meant[r], pt)...)
		}
	}
	pt.contested = p.contested(lex, pt, p.glossed)
	for j, earlier := range p.points[:i] {
		if pt.about && earlier.about && slices.ContainsFunc(earlier.calledBy(), func(c int) bool {
			return slices.Contains(pt.keywords[:pt.own], c) && !slices.Contains(pt.calledBy(), c)
		}) {
			pt.after = append(pt.after, j)
		}
	}
}

// weigh gives each of the point's keywords its weight (see the package
// documentation), df counting the question's points that have each, and
// sets the weight and the distinct keywords that cover it.
func (pt *preparedPoint) weigh(df map[int]int, inTitle map[int]bool) {
	total := 0.0
	for ki, c := range pt.keywords {
		wt := 1 / float64(df[c])
		if pt.named&(1<<ki) != 0 {
			wt = 1
		}
		if pt.contested&(1<<ki) != 0 {
			wt = 0
		}
		if inTitle[c] {
			wt *= TitleWeight
			pt.titled |= 1 << ki
		}
		pt.weights = append(pt.weights, wt)
		if ki < pt.own {
			total += wt
		}
	}
	pt.need = math.Min(CoverShare*total, CoverCap)
	pt.distinct = 1
	if pt.own-popcount(pt.contested) >= 3 && pt.untitled() >= 2 {
		pt.distinct = 2
	}
	if !pt.scorable() {
		pt.need = math.Inf(1)
	}
}

// contested masks the descriptors of pt's own that are what a rival
// subject is, the word its point glosses its name with (see pointGloss),
// or means here (see prepared.explained), and not what a term of pt's own
// is or means: no evidence for pt, when pt is about a subject of its own.
// Retain's point says what happens "when the PVC is deleted", but
// deleting is what Delete is ("Delete：删除"): "Retain deletes the volume
// with the PVC" says Retain is Delete, and covers neither, as liveness
// and readiness swapped do.
func (p *prepared) contested(lex *vocabulary, pt *preparedPoint, glossed map[int][]int) uint64 {
	var own []int
	for _, c := range pt.keywords[:pt.own] {
		if lex.concepts[c].kind == term {
			own = append(own, c)
		}
	}
	if !pt.about {
		return 0
	}
	means := func(t, d int) bool { return slices.Contains(glossed[t], d) || slices.Contains(p.explained[t], d) }
	var mask uint64
	for ki, d := range pt.keywords[:pt.own] {
		if lex.concepts[d].kind != word || pt.named&(1<<ki) != 0 || slices.ContainsFunc(own, func(t int) bool { return means(t, d) }) {
			continue
		}
		for r := range pt.rivals {
			if p.subjects[r] && means(r, d) {
				mask |= 1 << ki
				break
			}
		}
	}
	return mask
}

// singularOf are the singular descriptors (see singular in lexicon.go)
// that the rival subject r means, as meant says, and that a point about r
// says, but pt neither says nor means.
func (p *prepared) singularOf(lex *vocabulary, r int, meant []int, pt *preparedPoint) []int {
	var out []int
	for _, d := range meant {
		if !lex.singular[d] || slices.Contains(pt.keywords, d) || slices.Contains(pt.said, d) {
			continue
		}
		if slices.ContainsFunc(p.points, func(o preparedPoint) bool {
			return slices.Contains(o.subjects, r) && slices.Contains(o.keywords[:o.own], d)
		}) {
			out = append(out, d)
		}
	}
	return out
}

// appendNew appends the elements of add that list does not hold yet.
func appendNew(list []int, add ...int) []int {
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

// Score scores an answer to the question with this ID.
func (s *Scorer) Score(id, answer string) (Result, error) {
	q, ok := s.questions[id]
	if !ok {
		return Result{}, ErrUnknownQuestion
	}
	return s.score(q, answer), nil
}

// hit is one concept named in an answer.
type hit struct {
	concept int
	mention int // index in the answer's mentions
}

// reading is an answer tokenised and matched.
type reading struct {
	text     string
	toks     []token
	mentions []mention
	// negated has, for each mention, whether a negator comes before it
	// (see negatedMentions).
	negated []bool
	// failing has, for each mention, whether the answer says it fails
	// (see failingMentions).
	failing []bool
	// compared has, for each mention, whether a comparison says it
	// plainly (see comparedMentions).
	compared []bool
	// needless has, for each mention, whether the answer says it need
	// not be done (see needlessMentions).
	needless []bool
	// byClause lists the concepts each clause names, each once.
	byClause [][]hit
	// goesOn has, for each clause, whether it goes on with what the
	// clause before it says: it names none of the question's subjects,
	// nor what a point is named by ("then scoring ranks the remaining
	// nodes" is about scoring, whatever the clause before it said), and
	// follows it in the same sentence ("Delete 会一起删掉，要管理员
	// 手动清理"), so it is said of that clause's subject. An item of an
	// enumeration (after "、") is one of its own ("总是重启、失败时重启、
	// 永不重启"), and so is a clause that names what another point alone
	// names (see prepared.marks).
	goesOn []bool
	// topic numbers, for each clause, the run of clauses it belongs to: a
	// clause and those that go on from it. topicSaid are the descriptors
	// each run names, topicClaims those it says neither negated nor
	// failing, and topicTerms the terms it names.
	topic                              []int
	topicSaid, topicClaims, topicTerms [][]int
}

// read tokenises and matches an answer to q, its clauses split before
// the subjects that an unpunctuated clause runs together (see
// splitAtSubjects).
func (s *Scorer) read(q *prepared, answer string) reading {
	r := reading{text: normalise(answer)}
	r.toks = tokenize(r.text)
	r.mentions = s.lex.trie.matchIn(r.toks, q.own)
	s.respell(q, &r)
	s.commandsAlone(&r)
	s.joinHeadings(q, &r)
	s.splitAtSubjects(q, &r)
	if len(r.toks) > 0 {
		r.byClause = make([][]hit, r.toks[len(r.toks)-1].clause+1)
	}
	r.negated = s.lex.negatedMentions(r.toks, r.mentions)
	r.failing = s.lex.failingMentions(r.toks, r.mentions)
	r.compared = comparedMentions(r.toks, r.mentions)
	r.needless = needlessMentions(r.toks, r.mentions)
	for mi, m := range r.mentions {
		cl := r.toks[m.first].clause
		for _, c := range m.concepts {
			if !hasConcept(r.byClause[cl], c) {
				r.byClause[cl] = append(r.byClause[cl], hit{concept: c, mention: mi})
			}
		}
	}
	r.goesOn = make([]bool, len(r.byClause))
	var about []int // the subjects of the clause the current run began with
	for i := 0; i < len(r.toks); i++ {
		t := r.toks[i]
		if i > 0 && r.toks[i-1].clause != t.clause {
			prev := r.toks[i-1]
			r.goesOn[t.clause] = !strings.ContainsAny(r.text[prev.end:t.start], sentenceEnds+"、") &&
				!slices.ContainsFunc(r.byClause[t.clause], func(h hit) bool { return q.subjects[h.concept] || q.names[h.concept] || q.marksOther(h.concept, about) })
		}
		if (i == 0 || r.toks[i-1].clause != t.clause) && !r.goesOn[t.clause] {
			about = about[:0]
			for _, h := range r.byClause[t.clause] {
				if q.subjects[h.concept] {
					about = append(about, h.concept)
				}
			}
		}
	}
	r.topic = make([]int, len(r.byClause))
	for cl, hits := range r.byClause {
		if cl == 0 || !r.goesOn[cl] {
			r.topicSaid, r.topicClaims, r.topicTerms = append(r.topicSaid, nil), append(r.topicClaims, nil), append(r.topicTerms, nil)
		}
		tp := len(r.topicSaid) - 1
		r.topic[cl] = tp
		for _, h := range hits {
			switch s.lex.concepts[h.concept].kind {
			case word:
				r.topicSaid[tp] = appendNew(r.topicSaid[tp], h.concept)
				if !r.negated[h.mention] && !r.failing[h.mention] {
					r.topicClaims[tp] = appendNew(r.topicClaims[tp], h.concept)
				}
			case term:
				r.topicTerms[tp] = appendNew(r.topicTerms[tp], h.concept)
			}
		}
	}
	return r
}

// marksOther reports whether c is a term one point alone names (see
// prepared.marks) that is about none of the subjects about, when there
// are any: "node taints or affinity that no node matches", after "a PVC
// that cannot bind", is the scheduler's failing, not the PVC's; "不会把
// pod移出endpoint", after "就绪探针失败会重启容器", is still said of the
// readiness probe. A term of a point named by its subject is no mark: in
// the enumeration such points make, it goes on with what is said of the
// subject before it ("Recreate 是逐个替换 pod，通过 maxSurge 控制" says
// Recreate is controlled so, wrongly).
func (q *prepared) marksOther(c int, about []int) bool {
	i, ok := q.marks[c]
	return ok && len(about) > 0 && q.points[i].named == 0 && !slices.ContainsFunc(about, func(s int) bool { return slices.Contains(q.points[i].subjects, s) })
}

// sentenceEnds are the marks that end a sentence; a full stop between
// two clauses is one (see endsClause).
const sentenceEnds = "。！？；;!?.\n"

// joinHeadings reads a clause that is a heading, one of q's subjects
// alone before a colon, and the clause after the colon as one clause:
// what follows the colon is said of the heading's subject, so that
// "RWO：多节点读写" is read as "RWO 多节点读写", RWO said to be what RWX
// is, not RWO named and RWX explained.
func (s *Scorer) joinHeadings(q *prepared, r *reading) {
	shift, mi := 0, 0
	var unheaded []int // the tokens that lost their subject key
	for ti := 1; ti < len(r.toks); ti++ {
		prev, t := r.toks[ti-1], r.toks[ti]
		if prev.clause == t.clause {
			r.toks[ti].clause -= shift
			continue
		}
		for mi < len(r.mentions) && r.mentions[mi].last < ti-1 {
			mi++
		}
		if strings.ContainsAny(r.text[prev.end:t.start], ":：") && s.heading(q, r, ti-1, mi) {
			shift++
			// The word after the colon no longer heads its clause: it is
			// said of the heading ("Never: never restarts" is Never said
			// never to restart), not a subject of its own.
			r.toks[ti].heads = false
			if isSubjectKey(r.toks[ti].written) {
				r.toks[ti].written = ""
				unheaded = append(unheaded, ti)
			}
		}
		r.toks[ti].clause -= shift
	}
	for _, ti := range unheaded {
		s.rematch(q, r, ti)
	}
}

// rematch matches again the mentions of the clause from token first on,
// a word there having lost the subject key it had as the head of its
// clause.
func (s *Scorer) rematch(q *prepared, r *reading, first int) {
	end := first
	for end < len(r.toks) && r.toks[end].clause == r.toks[first].clause {
		end++
	}
	ms := slices.DeleteFunc(r.mentions, func(m mention) bool { return m.first >= first && m.first < end })
	for _, n := range s.lex.trie.matchIn(r.toks[first:end], q.own) {
		n.first, n.last = n.first+first, n.last+first
		ms = append(ms, n)
	}
	slices.SortFunc(ms, func(a, b mention) int { return a.first - b.first })
	r.mentions = ms
}

// heading reports whether the clause that ends with token last, whose
// last mention is r.mentions[mi] if any, is one of q's subjects alone:
// a single mention, spanning the clause, that names a subject and no
// descriptor.
func (s *Scorer) heading(q *prepared, r *reading, last, mi int) bool {
	if mi >= len(r.mentions) || r.mentions[mi].last != last {
		return false
	}
	m := r.mentions[mi]
	if m.first > 0 && r.toks[m.first-1].clause == r.toks[last].clause {
		return false
	}
	return slices.ContainsFunc(m.concepts, func(c int) bool { return q.subjects[c] }) && !s.lex.describing(m)
}

// splitAtSubjects reads a clause typed without punctuation that names two
// or more of q's subjects, each followed by what one means, as if a comma
// came before each: "RWO one node read write ROX many nodes read only" is
// "RWO one node read write, ROX many nodes read only".
func (s *Scorer) splitAtSubjects(q *prepared, r *reading) {
	var starts []int // the tokens that start a clause of their own
	r.eachClause(func(first, end int, ms []mention) {
		starts = append(starts, s.subjectStarts(q, r, first, end, ms)...)
		for _, st := range conjoinedNames(q, r.toks, ms) {
			if !slices.Contains(starts, st) {
				starts = append(starts, st)
			}
		}
		slices.Sort(starts)
	})
	shift := 0
	for ti := range r.toks {
		if len(starts) > 0 && starts[0] == ti {
			shift++
			starts = starts[1:]
		}
		r.toks[ti].clause += shift
	}
}

// subjectStarts are the tokens that start clauses of their own in the
// clause of tokens first..end-1, whose mentions are ms: each mention of a
// subject other than the one before it, after the first. There are none
// unless two or more subjects are each followed by a descriptor of one of
// the subjects (their own or, swapped, another's); the clause is left as
// typed where one is not ("RWO ROX RWX", "RWO one node read write ROX
// RWX", "Service and Endpoints changes"), or where Chinese keywords are
// set apart by spaces ("Always 退出 重启 OnFailure 失败 重启"), as keywords
// are listed; a space next to a word that is none ("undo 回滚 加
// --to-revision") stands for a comma. A compound that names a subject
// and describes it, right after another subject, is said of that one
// ("RWO 多节点只读 ROX 单节点读写" is RWO and ROX swapped).
func (s *Scorer) subjectStarts(q *prepared, r *reading, first, end int, ms []mention) []int {
	var starts []int
	subject, said := -1, false
	for _, m := range ms {
		named := -1 // the subject m names, the current one if it names several
		for _, c := range m.concepts {
			if q.subjects[c] && (c == subject || named < 0) {
				named = c
			}
		}
		if named >= 0 && named != subject && subject >= 0 && !said && s.lex.describing(m) {
			// A compound right after a subject is said of it: "RWO
			// 多节点只读" says RWO is what ROX is.
			said = true
			continue
		}
		if named >= 0 && named != subject {
			if subject >= 0 && !said {
				return nil
			}
			starts, subject, said = append(starts, m.first), named, false
		}
		said = said || s.lex.describing(m) && slices.ContainsFunc(m.concepts, func(d int) bool { return q.told[d] })
		for c := range q.subjects {
			said = said || s.describes(q, m, c)
		}
	}
	if len(starts) < 2 || !said || r.spacedKeywords(first, end, ms) {
		return nil
	}
	return starts[1:]
}

// spacedClauses has, for each clause of r, whether it is typed as
// keywords are listed: its Chinese keywords set apart by spaces (see
// spacedKeywords), or three keywords or more and nothing else, each apart
// from the next by a space alone ("扩容 Deployment 副本 kubectl scale").
func (r reading) spacedClauses() []bool {
	out := make([]bool, len(r.byClause))
	r.eachClause(func(first, end int, ms []mention) {
		apart := len(ms) >= 3 && ms[0].first == first && ms[len(ms)-1].last == end-1
		for i := 1; i < len(ms) && apart; i++ {
			gap := r.text[r.toks[ms[i-1].last].end:r.toks[ms[i].first].start]
			apart = gap != "" && strings.TrimSpace(gap) == "" && ms[i-1].last+1 == ms[i].first
		}
		out[r.toks[first].clause] = apart || r.spacedKeywords(first, end, ms)
	})
	return out
}

// listedClauses reports, for each clause of r, whether it is typed as
// keywords are listed: two keywords or more, and three items or more set
// apart by spaces (or by dashes after a space: "--replicas"), each a
// keyword or a word the scorer does not know: a Chinese one set apart
// from another Chinese word, or, in a clause with Chinese in it, an
// English word that names a thing there ("leader follower"), not a
// function word (see stopwords). A Chinese word between English ones
// joins them ("clusterIP 设为 None"), an item that joins keywords with
// other words is a sentence ("已经调度到节点"), and a clause all in
// English names its words in prose ("adds more pods when CPU usage gets
// high").
func (r reading) listedClauses() []bool {
	out := make([]bool, len(r.byClause))
	r.eachClause(func(first, end int, ms []mention) {
		if len(ms) < 2 {
			return
		}
		covered := make([]bool, end-first)
		for _, m := range ms {
			for i := m.first; i <= m.last; i++ {
				covered[i-first] = true
			}
		}
		type item struct{ first, end int }
		var items []item // each a run of tokens with no space between them
		for i := first; i < end; {
			j := i + 1
			for j < end && !strings.ContainsFunc(r.text[r.toks[j-1].end:r.toks[j].start], unicode.IsSpace) {
				j++
			}
			items = append(items, item{i, j})
			i = j
		}
		han := slices.ContainsFunc(r.toks[first:end], func(t token) bool { return t.han })
		listed := len(items) >= 3
		for n, it := range items {
			all, none := true, true
			for k := it.first; k < it.end; k++ {
				all, none = all && covered[k-first], none && !covered[k-first]
			}
			// A Chinese word set apart from another by a space is listed;
			// one between English words is what joins them ("clusterIP 设为
			// None").
			spacedHan := r.toks[it.first].han && (n > 0 && r.toks[items[n-1].end-1].han || n+1 < len(items) && r.toks[items[n+1].first].han)
			latin := han && !r.toks[it.first].han && it.end == it.first+1 && !stopwords[r.toks[it.first].key] && !negators[r.toks[it.first].key]
			listed = listed && (all || none && (spacedHan || latin))
		}
		out[r.toks[first].clause] = listed
	})
	return out
}

// eachClause calls f with the tokens first..end-1 of each clause of r and
// their mentions, in order.
func (r reading) eachClause(f func(first, end int, ms []mention)) {
	mi := 0
	for first := 0; first < len(r.toks); {
		end := first + 1
		for end < len(r.toks) && r.toks[end].clause == r.toks[first].clause {
			end++
		}
		mj := mi
		for mj < len(r.mentions) && r.mentions[mj].first < end {
			mj++
		}
		f(first, end, r.mentions[mi:mj])
		first, mi = end, mj
	}
}

// spacedKeywords reports whether tokens first..end-1, whose mentions are
// ms, set Chinese keywords apart by spaces, as keywords are listed ("RWO
// 单个节点 读写", "DaemonSet 每个节点 日志收集 监控").
func (r reading) spacedKeywords(first, end int, ms []mention) bool {
	mi := 0
	keyword := func(ti int) bool { // called with ti in order
		for mi < len(ms) && ms[mi].last < ti {
			mi++
		}
		return mi < len(ms) && ms[mi].first <= ti
	}
	for i := first + 1; i < end; i++ {
		if a, b := r.toks[i-1], r.toks[i]; a.han && b.han && a.end < b.start && strings.TrimSpace(r.text[a.end:b.start]) == "" &&
			keyword(i-1) && keyword(i) {
			return true
		}
	}
	return false
}

// conjunctions join the items of an enumeration as its commas do.
var conjunctions = map[string]bool{"and": true, "和": true, "与": true, "及": true, "plus": true}

// conjoinedNames are the tokens that start clauses of their own in a
// clause whose mentions are ms: each mention of a point's name, after a
// mention of another's, right after a conjunction ("UTS and volumes",
// "UTS 共享主机名和存储卷"), which joins a new item as a comma does.
func conjoinedNames(q *prepared, toks []token, ms []mention) []int {
	var starts []int
	last := -1
	for _, m := range ms {
		ni := slices.IndexFunc(m.concepts, func(c int) bool { return q.names[c] })
		if ni < 0 || m.concepts[ni] == last {
			continue
		}
		if last >= 0 && m.first > 0 && conjunctions[toks[m.first-1].key] {
			starts = append(starts, m.first)
		}
		last = m.concepts[ni]
	}
	return starts
}

func hasConcept(hits []hit, c int) bool {
	for _, h := range hits {
		if h.concept == c {
			return true
		}
	}
	return false
}

func (s *Scorer) score(q *prepared, answer string) Result {
	res := Result{Points: make([]PointResult, len(q.points))}
	if utf8.RuneCountInString(answer) > MaxAnswerRunes {
		answer = string([]rune(answer)[:MaxAnswerRunes])
		res.Flags |= Truncated
	}
	r := s.read(q, answer)
	for i, pt := range q.points {
		res.Points[i] = PointResult{Text: pt.text, Scored: pt.scorable()}
		if res.Points[i].Scored {
			res.Scored++
		}
	}
	switch {
	case res.Scored == 0:
		res.Flags |= Unscorable
	case len(r.toks) == 0:
		res.Flags |= Empty
	}
	if res.Flags.Has(Unscorable) || res.Flags.Has(Empty) {
		res.Grade = srs.Again
		return res
	}
	if s.stuffed(q, r) {
		res.Flags |= Stuffing
		res.Grade = srs.Again
		return res
	}
	if s.offTopic(q, r) {
		res.Flags |= OffTopic
		res.Grade = srs.Again
		return res
	}
	masks := make([]clauseMask, len(r.byClause))
	list := s.listLike(q, r)
	if list {
		res.Flags |= KeywordList
	}
	for i, pt := range q.points {
		if pt.scorable() {
			s.check(pt, r, masks, &res.Points[i])
			// A list explains nothing: what its terms name is named, not
			// covered, so that the count, the points and the grade agree.
			res.Points[i].Covered = res.Points[i].Covered && !list
			if res.Points[i].Covered {
				res.Covered++
			} else {
				// A list says nothing of what it names: nothing of it is
				// wrong either.
				about := pt.calledBy()
				if cl := s.wrongClause(pt, r, about); cl >= 0 && !list {
					res.Points[i].Wrong, res.Points[i].WrongExcerpt = true, bank.Truncate(r.clauses(cl, cl), excerptRunes)
				}
				res.Points[i].Named = r.names(about) && !res.Points[i].Wrong
			}
		}
	}
	if !list { // a list says nothing in any order
		for i, cl := range s.outOfOrder(q, r) {
			p := &res.Points[i]
			if p.Covered {
				res.Covered--
			}
			p.Covered, p.Wrong, p.Named, p.WrongExcerpt = false, true, false, bank.Truncate(r.clauses(cl, cl), excerptRunes)
		}
	}
	res.Grade = grade(res.Covered, res.Scored)
	return res
}

// wrongClause is the clause in which the answer says something wrong of
// the point's subject, or -1: a clause whose subject (its first term) is
// one of about names another point's term right after it ("OnFailure 总是重启" says OnFailure
// is Always; "准入后写入 etcd" goes on to the next step, "RWO ROX RWX"
// lists), says what the point's rival subject alone is or means (a
// contested descriptor: "Retain 删除"; see fitsRival and claimsRivals),
// or the contrary of one of the point's keywords (see contradicts). A
// clause about the subject that says nothing the scorer recognises is
// not wrong: the point is named, not judged. A clause that says the
// point's step is needless, or claims what it denies, is wrong whatever
// its subject.
func (s *Scorer) wrongClause(pt preparedPoint, r reading, about []int) int {
	for cl, hits := range r.byClause {
		if pt.deniesStep(hits, r) {
			return cl
		}
		first := slices.IndexFunc(hits, func(h hit) bool { return s.lex.concepts[h.concept].kind == term })
		if first < 0 || !slices.Contains(about, hits[first].concept) {
			continue
		}
		rest := hits[first+1:]
		says := slices.ContainsFunc(rest, func(h hit) bool { return s.lex.concepts[h.concept].kind == word })
		if says && pt.rivals[rest[0].concept] && !slices.Contains(about, rest[0].concept) ||
			slices.ContainsFunc(rest, func(h hit) bool {
				ki := slices.Index(pt.keywords[:pt.own], h.concept)
				return ki >= 0 && pt.contested&(1<<ki) != 0 && !r.negated[h.mention]
			}) ||
			s.claimsAgainst(pt, r, cl, hits) {
			return cl
		}
	}
	return -1
}

// deniesStep reports whether a clause that names hits claims the
// contrary of the point whatever its subject: what the point denies, or
// that its step is needless.
func (pt preparedPoint) deniesStep(hits []hit, r reading) bool {
	return pt.claimsDenied(hits, r) || pt.deemedNeedless(hits, r)
}

// claimsAgainst reports whether clause cl of r, which names hits, says of
// its topic what the point's rival alone is (fitsRival), claims the
// rivals' descriptors (claimsRivals), or the contrary of one of the
// point's keywords (contradicts): both the masks of check and wrongClause
// judge a clause so.
func (s *Scorer) claimsAgainst(pt preparedPoint, r reading, cl int, hits []hit) bool {
	t := r.topic[cl]
	return pt.fitsRival(r.topicSaid[t]) || pt.claimsRivals(r.topicClaims[t], r.topicTerms[t]) || pt.contradicts(s.lex, r, hits)
}

// deemedNeedless reports whether a clause that names hits says that what
// the point says plainly need not be done ("不用先设置不可调度" of "先将
// 节点设置成不可调度状态"): it claims the contrary of the point, and is no
// evidence for it.
func (pt preparedPoint) deemedNeedless(hits []hit, r reading) bool {
	return slices.ContainsFunc(hits, func(h hit) bool {
		ki := slices.Index(pt.keywords[:pt.own], h.concept)
		return ki >= 0 && ki < 64 && r.needless[h.mention] && pt.plain&(1<<ki) != 0 && pt.titled&(1<<ki) == 0
	})
}

// firsts are the words that say a step comes first ("先打分", "scoring
// first ranks", "首先").
var firsts = map[string]bool{"先": true, "first": true, "firstly": true}

// outOfOrder has, for each point an answer puts in the wrong order, the
// clause that says so: a clause
// that says a step comes first names the subject of a point that follows
// another's (see preparedPoint.after) and not that one's, which the
// answer names later ("先打分……然后再过滤", "scoring first ranks every
// node, then filtering …"). Both steps are said wrong: each is told as
// the other's.
func (s *Scorer) outOfOrder(q *prepared, r reading) map[int]int {
	out := map[int]int{}
	for ti, t := range r.toks {
		if !firsts[t.key] {
			continue
		}
		cl := t.clause
		for j, pt := range q.points {
			if !names(r.byClause[cl], pt.calledBy()) {
				continue
			}
			for _, i := range pt.after {
				earlier := q.points[i].calledBy()
				if !names(r.byClause[cl], earlier) && slices.ContainsFunc(r.mentions, func(m mention) bool {
					return m.first > ti && r.toks[m.first].clause > cl && slices.ContainsFunc(m.concepts, func(c int) bool { return slices.Contains(earlier, c) })
				}) {
					out[i], out[j] = cl, cl
				}
			}
		}
	}
	return out
}

// names reports whether hits name one of the concepts cs.
func names(hits []hit, cs []int) bool {
	return slices.ContainsFunc(hits, func(h hit) bool { return slices.Contains(cs, h.concept) })
}

// grade maps k of n covered points to a proposed grade.
func grade(k, n int) srs.Grade {
	g := srs.Again
	switch {
	case n == 0:
	case k == n:
		g = srs.Good
	case 2*k >= n:
		g = srs.Hard
	}
	return g
}

// clauseMask is what one clause says of a point: which of its keywords
// it names, and whether its subject, the first concept it names that is
// not generic, is a rival term.
type clauseMask struct {
	keywords uint64
	rival    bool
	// aside: the clause names a rival subject and none of the point's
	// own (see check).
	aside bool
}

// check finds the passage of up to PassageClauses clauses that names the
// most of a point's keyword weight, and records whether it covers the
// point. A passage includes no clause about a rival term.
// masks is scratch space, one per clause.
func (s *Scorer) check(pt preparedPoint, r reading, masks []clauseMask, out *PointResult) {
	for cl, hits := range r.byClause {
		masks[cl] = clauseMask{}
		for _, h := range hits {
			ki := slices.Index(pt.keywords, h.concept)
			if ki >= 0 && pt.sameSense(ki, r.negated[h.mention], r.failing[h.mention], s.lex.concepts[h.concept].kind == term) {
				masks[cl].keywords |= 1 << ki
			}
		}
		if subject := s.subjectOf(r, hits); subject >= 0 {
			masks[cl].rival = pt.rivals[subject]
		}
		if pt.about {
			masks[cl].aside = slices.ContainsFunc(hits, func(h hit) bool { return slices.Contains(pt.aside, h.concept) }) &&
				!slices.ContainsFunc(hits, func(h hit) bool { return slices.Contains(pt.subjects, h.concept) })
		}
		if r.goesOn[cl] && pt.about {
			masks[cl].rival = masks[cl].rival || masks[cl-1].rival
		}
		masks[cl].rival = masks[cl].rival || pt.deniesStep(hits, r) || s.claimsAgainst(pt, r, cl, hits)
	}
	// The evidence is the passage that names the most of the point's
	// weight, or of those that cover it the one with the fewest clauses
	// about other points' subjects: a clause next to it that names a
	// rival subject and none of the point's own, with keywords of the
	// point in passing ("filtering (predicates) removes …, then scoring
	// (priorities) ranks …"), is no part of it where it need not be.
	bestWeight, bestFirst, bestLast, bestAside := 0.0, -1, -1, 0
	var bestMask uint64
	covered := false
	for first := range masks {
		if masks[first].keywords == 0 {
			continue
		}
		var mask uint64
		aside := 0
		for last := first; last < len(masks) && last < first+PassageClauses; last++ {
			if masks[last].rival {
				break
			}
			mask |= masks[last].keywords
			if masks[last].aside {
				aside++
			}
			counted := pt.counted(mask)
			wt := pt.weightOf(counted)
			covers := wt >= pt.need-1e-9 && popcount(counted) >= pt.distinct && counted&^pt.titled != 0 && !pt.nameAlone(counted)
			var better bool
			switch {
			case covers != covered:
				better = covers
			case covers && aside != bestAside:
				better = aside < bestAside
			default:
				better = wt > bestWeight+1e-9
			}
			if better {
				bestWeight, bestFirst, bestLast, bestMask, bestAside, covered = wt, first, last, counted, aside, covers
			}
		}
	}
	if bestFirst < 0 {
		return
	}
	out.Covered = covered
	out.Evidence = s.evidence(pt, r, bestMask, bestFirst, bestLast)
	out.Excerpt = bank.Truncate(r.clauses(bestFirst, bestLast), excerptRunes)
}

// determiners open a noun phrase: a descriptor between one and a term
// is an adjective of the term ("a failing liveness probe").
var determiners = map[string]bool{"a": true, "an": true, "the": true, "each": true, "every": true, "this": true, "that": true}

// subjectOf is the subject of a clause that names hits, the first concept
// it names that is not generic, or -1: a descriptor between a determiner
// and a term, as an adjective stands before its noun, says which of it
// the clause is about ("a failing liveness probe removes the pod" is about
// the liveness probe, not about failing).
func (s *Scorer) subjectOf(r reading, hits []hit) int {
	for i, h := range hits {
		switch s.lex.concepts[h.concept].kind {
		case generic:
			continue
		case word:
			m := r.mentions[h.mention]
			if i+1 < len(hits) && m.first > 0 && determiners[r.toks[m.first-1].key] && r.toks[m.first-1].clause == r.toks[m.first].clause &&
				s.lex.concepts[hits[i+1].concept].kind == term && r.mentions[hits[i+1].mention].first == m.last+1 {
				return hits[i+1].concept
			}
		}
		return h.concept
	}
	return -1
}

// nameAlone reports whether the keywords of mask are the point's name
// and the title's alone, where the point says more: naming what a point
// is about ("volumes") is not saying what it says of it.
func (pt preparedPoint) nameAlone(mask uint64) bool {
	said := uint64(1)<<pt.own - 1
	return pt.named != 0 && mask&^(pt.named|pt.titled) == 0 && said&^(pt.named|pt.titled) != 0
}

// fitsRival reports whether the descriptors said describe a rival
// subject rather than the point's: every one of them that the point says
// or means, a rival's points say too, and they say what the rival means
// besides. "RWX 是多节点只读" says many nodes, which RWX and ROX share,
// and read-only, which ROX means and RWX does not: it is about ROX, and no
// evidence for RWX; "Always 只有失败才重启" is OnFailure's restart on
// failure, not Always's.
func (pt preparedPoint) fitsRival(said []int) bool {
	if len(pt.rivalSays) == 0 || len(said) == 0 {
		return false
	}
	for _, r := range pt.rivalSays {
		fits, more := true, false
		for _, d := range said {
			mine := slices.Contains(pt.said, d)
			switch {
			case mine && !slices.Contains(r.said, d):
				fits = false
			case !mine && slices.Contains(r.means, d):
				more = true
			}
		}
		if fits && more {
			return true
		}
	}
	return false
}

// claimsRivals reports whether a run of clauses that says the
// descriptors claims, and names the terms, says of the point's subject
// what only a rival is: a singular descriptor of the rival's (see
// preparedPoint.rivalOwn), said plainly, where no rival is named that it
// could be said of. "OnFailure is the default" says OnFailure is what
// Always alone is: it is wrong of OnFailure, and no evidence for its
// point, however right the rest ("restarts on a non-zero exit code").
func (pt preparedPoint) claimsRivals(claims, terms []int) bool {
	return slices.ContainsFunc(claims, func(d int) bool { return slices.Contains(pt.rivalOwn, d) }) &&
		!slices.ContainsFunc(terms, func(c int) bool { return pt.rivals[c] })
}

// counted is mask without the descriptors whose terms it does not name.
func (pt preparedPoint) counted(mask uint64) uint64 {
	mask &^= pt.contested
	for i, src := range pt.sources {
		if mask&src == 0 {
			mask &^= 1 << (pt.own + i)
		}
	}
	return mask
}

// scorable reports whether the point has a keyword its title does not
// name.
func (pt preparedPoint) scorable() bool {
	return pt.untitled() > 0
}

// untitled counts the point's own keywords its title does not name.
func (pt preparedPoint) untitled() int {
	return popcount(^pt.titled &^ pt.contested & (1<<pt.own - 1))
}

func (pt preparedPoint) weightOf(mask uint64) float64 {
	total := 0.0
	for ki, wt := range pt.weights {
		if mask&(1<<ki) != 0 {
			total += wt
		}
	}
	return total
}

func popcount(m uint64) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}

// evidence lists the point's keywords named in clauses first..last, in
// the answer's order.
func (s *Scorer) evidence(pt preparedPoint, r reading, mask uint64, first, last int) []Evidence {
	type found struct {
		at int
		ev Evidence
	}
	var fs []found
	for cl := first; cl <= last; cl++ {
		for _, h := range r.byClause[cl] {
			for ki, c := range pt.keywords {
				if c == h.concept && mask&(1<<ki) != 0 {
					m := r.mentions[h.mention]
					fs = append(fs, found{at: m.first, ev: Evidence{
						Keyword: s.lex.concepts[c].name,
						Found:   r.text[r.toks[m.first].start:r.toks[m.last].end],
					}})
					mask &^= 1 << ki
				}
			}
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].at < fs[j].at })
	out := make([]Evidence, len(fs))
	for i, f := range fs {
		out[i] = f.ev
	}
	return out
}

// names reports whether the answer names one of the concepts cs.
func (r reading) names(cs []int) bool {
	for _, m := range r.mentions {
		if slices.ContainsFunc(m.concepts, func(c int) bool { return slices.Contains(cs, c) }) {
			return true
		}
	}
	return false
}

// clauses is the text of clauses first..last.
func (r reading) clauses(first, last int) string {
	start, end := -1, 0
	for _, t := range r.toks {
		if t.clause < first || t.clause > last {
			continue
		}
		if start < 0 {
			start = t.start
		}
		end = t.end
	}
	if start < 0 {
		return ""
	}
	return strings.TrimSpace(r.text[start:end])
}

// stuffed reports whether the answer's terms are mostly foreign to the
// question.
func (s *Scorer) stuffed(q *prepared, r reading) bool {
	own, foreign := map[int]bool{}, map[int]bool{}
	for _, m := range r.mentions {
		for _, c := range m.concepts {
			if s.lex.concepts[c].kind != term {
				continue
			}
			if q.own[c] {
				own[c] = true
			} else {
				foreign[c] = true
			}
		}
	}
	f := len(foreign)
	return f >= StuffingMinForeign && float64(f) >= StuffingForeignShare*float64(f+len(own))
}

// offTopic reports whether an answer is about another question: it names
// at least OffTopicMinForeign terms no text of this question names that
// other questions are about (their points', or named by one question
// alone), and more of them than of this
// question's own terms beyond its title ("Retain keeps the PV…, Delete…,
// Recycle…" of the question on PV's phases names Retain and Recycle, and
// of the phases' question only PVC). A question none of whose points is
// about a subject is never told off-topic.
func (s *Scorer) offTopic(q *prepared, r reading) bool {
	if !q.aboutSubjects {
		return false // a question whose points are about nothing named: its terms say too little
	}
	own, foreign := map[int]bool{}, map[int]bool{}
	for _, m := range r.mentions {
		for _, c := range m.concepts {
			switch {
			case s.lex.concepts[c].kind != term || q.inTitle[c]:
			case q.own[c]:
				own[c] = true
			case s.subjects[c]:
				foreign[c] = true
			}
		}
	}
	return len(foreign) >= OffTopicMinForeign && len(foreign) > len(own)
}

// listLike reports whether an answer is a list of keywords: it names at
// least two, and fewer than ListExplanationShare of its words are
// explanation. Explanation is the words outside every keyword, the
// descriptors a clause says of the one term it names that mean it, and,
// in a clause that does not set its Chinese keywords apart by spaces,
// any descriptor of the question's points said of that term: rightly or
// wrongly, "RWO 多节点读写" says something of RWO ("RWO 单个节点 读写"
// lists, unless what it lists is what RWO means). An answer that names
// the title's keywords alone lists nothing (see echoesTitle). A clause
// typed as a
// list (see listedClauses) sets its keywords apart, and the words in it
// that are no keyword are listed too, not explanation: "Raft 一致性 leader
// follower 日志复制", "PV PVC 存储 抽象 申请".
func (s *Scorer) listLike(q *prepared, r reading) bool {
	if len(r.mentions) < 2 || s.echoesTitle(q, r) {
		return false
	}
	subjects := s.clauseTerms(q, r)
	spaced := r.spacedClauses()
	listed := r.listedClauses()
	named := 0.0
	inMention := make([]bool, len(r.toks))
	for _, m := range r.mentions {
		cl := r.toks[m.first].clause
		for i := m.first; i <= m.last; i++ {
			inMention[i] = true
		}
		said := subjects[cl] >= 0 || s.termsIn(r, cl) >= 2
		if s.describes(q, m, subjects[cl]) || said && !spaced[cl] && !listed[cl] && q.describesAny(s.lex, m, subjects[cl]) {
			continue
		}
		for i := m.first; i <= m.last; i++ {
			named += r.toks[i].units()
		}
	}
	for i, t := range r.toks {
		if listed[t.clause] && !inMention[i] {
			named += t.units()
		}
	}
	total := 0.0
	for _, t := range r.toks {
		total += t.units()
	}
	return (total-named)/total < ListExplanationShare
}

// termsIn is how many terms clause cl of r names.
func (s *Scorer) termsIn(r reading, cl int) int {
	n := 0
	for _, h := range r.byClause[cl] {
		if s.lex.concepts[h.concept].kind == term {
			n++
		}
	}
	return n
}

// echoesTitle reports whether every keyword r names is the title's, or
// a noun every answer uses: a copy of the question ("K8S 资源限制 QoS？")
// lists none of the answer's terms, however few words it has besides.
func (s *Scorer) echoesTitle(q *prepared, r reading) bool {
	return !slices.ContainsFunc(r.mentions, func(m mention) bool {
		return slices.ContainsFunc(m.concepts, func(c int) bool { return !q.inTitle[c] && s.lex.concepts[c].kind != generic })
	})
}

// clauseTerms has, for each clause of r, the one term it names, or -1
// when it names several. A term named by a compound that describes it
// ("多节点读写") is what is said, not what it is said of, unless the
// clause names no other ("单节点读写，……" is said of RWO), and a term of
// the title's, beside one of the answer's own, is what it is said about
// ("available: pv可用" is said of Available). A clause that names none
// after a colon is said of the term before it ("RWO: one node,
// read-write").
func (s *Scorer) clauseTerms(q *prepared, r reading) []int {
	afterColon := make([]bool, len(r.byClause))
	for i := 1; i < len(r.toks); i++ {
		if prev, t := r.toks[i-1], r.toks[i]; prev.clause != t.clause {
			afterColon[t.clause] = strings.Contains(r.text[prev.end:t.start], ":")
		}
	}
	terms := make([]int, len(r.byClause))
	for cl, hits := range r.byClause {
		var named, untitled, described []int
		for _, h := range hits {
			switch {
			case s.lex.concepts[h.concept].kind != term:
			case s.lex.describing(r.mentions[h.mention]):
				described = append(described, h.concept)
			default:
				named = append(named, h.concept)
				if !q.inTitle[h.concept] {
					untitled = append(untitled, h.concept)
				}
			}
		}
		switch {
		case len(named) == 0 && len(described) == 1:
			terms[cl] = described[0] // "单节点读写" says what RWO is
		case len(named) == 1:
			terms[cl] = named[0]
		case len(untitled) == 1:
			terms[cl] = untitled[0]
		case len(named) == 0 && afterColon[cl]:
			terms[cl] = terms[cl-1]
		default:
			terms[cl] = -1
		}
	}
	return terms
}

// describesAny reports whether mention m names a descriptor that one of
// the question's points says, or counts for a term it names, other than
// the term c's gloss, which is its name again ("Retain 保留").
func (q *prepared) describesAny(lex *vocabulary, m mention, c int) bool {
	return lex.describing(m) && slices.ContainsFunc(m.concepts, func(d int) bool {
		return lex.concepts[d].kind == word && !slices.Contains(q.glossed[c], d) &&
			slices.ContainsFunc(q.points, func(pt preparedPoint) bool { return slices.Contains(pt.keywords, d) })
	})
}

// describes reports whether mention m names a descriptor of the term c,
// says what it means as the lexicon or the question's author has it.
func (s *Scorer) describes(q *prepared, m mention, c int) bool {
	if c < 0 || !s.lex.describing(m) {
		return false
	}
	means, ok := q.explained[c]
	if !ok { // a term the question does not name: what the lexicon says
		means = s.lex.meaningsIn(c, q.own)
	}
	for _, d := range m.concepts {
		if slices.Contains(means, d) {
			return true
		}
	}
	return false
}
