package testkit

// TableBank is the source of a bank whose answers hold Markdown tables,
// as a bank's author writes them: TableTitle's answer is a lead-in and a
// table of four rows under a header, TableRows its rows as the bot shows
// them, a line each.
const TableBank = `# ` + TableTitle + `

访问模式如下：

| 模式 | 简写 | 说明 |
|---|:---:|---|
| ReadWriteOnce | RWO | 单节点读写 |
| ReadOnlyMany | ROX | 多节点只读 |
| ReadWriteMany | RWX | 多节点读写 |
| ReadWriteOncePod | RWOP | 单 Pod 读写 |

# etcd集群节点之间是怎么同步数据的？

通过Raft协议进行节点之间数据同步，保证节点之间的数据一致性。
`

// TableTitle is the title of TableBank's question with a table.
const TableTitle = "PV的访问模式有哪些？"

// TableRows are the rows of TableBank's table as the bot shows them, and
// as its key points read.
var TableRows = []string{
	"ReadWriteOnce — RWO — 单节点读写",
	"ReadOnlyMany — ROX — 多节点只读",
	"ReadWriteMany — RWX — 多节点读写",
	"ReadWriteOncePod — RWOP — 单 Pod 读写",
}
