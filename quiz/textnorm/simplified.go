package textnorm

import "strings"

// traditionalPairs are the traditional characters of the words a
// Kubernetes learner types (網絡 for 网络, 調度, 節點, 儲存, 資源…), each
// followed by the simplified one the shipped bank is written in. Each is a
// character simplified Chinese never writes, so nothing written in
// simplified changes.
const traditionalPairs = "網网絡络儲储調调節节點点叢丛務务針针滾滚動动擴扩縮缩鏡镜資资權权證证認认負负載载標标籤签選选擇择親亲聲声週周態态狀状檢检" +
	"緒绪啟启終终機机頭头無无藍蓝綠绿發发佈布執执體体環环變变數数據据庫库層层關关閉闭開开間间離离監监誌志應应統统計计試试題题" +
	"測测驗验複复習习語语時时區区幫帮刪删記记錄录曉晓現现總总號号設设結结棄弃過过會会復复員员參参將将與与對对這这個个們们來来" +
	"為为裡里於于從从還还說说問问實实進进處处單单雙双讀读寫写創创請请響响鑰钥戶户隊队邏逻輯辑線线緩缓衝冲連连斷断壓压範范圍围" +
	"預预優优級级舉举領领導导屬属亞亚錯错誤误報报觸触條条損损壞坏備备遷迁彈弹驅驱隸隶搶抢佔占銷销毀毁掛挂鎖锁競竞爭争兩两擬拟" +
	"閱阅類类種种並并麼么嗎吗舊旧異异際际歸归費费簡简係系別别構构組组織织雲云產产準准確确術术義义聯联頁页顯显隱隐長长門门塊块" +
	"鏈链碼码紅红黃黄綁绑鑒鉴讓让給给樣样話话憶忆內内滿满殺杀護护專专業业頻频寬宽帶带傳传輸输協协議议輪轮詢询雜杂齊齐順顺併并" +
	"鍵键獨独隨随邊边學学練练運运規规則则許许書书檔档註注編编訪访獲获歷历轉转換换續续繼继難难項项審审後后裏里啓启爲为産产綫线" +
	"鑑鉴鐘钟"

// simplifiedOf maps each traditional character of traditionalPairs to its
// simplified one.
var simplifiedOf = func() map[rune]rune {
	rs := []rune(traditionalPairs)
	m := make(map[rune]rune, len(rs)/2)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()

// simplified is s in simplified characters (see traditionalPairs); s
// itself, not a copy, when it has none to change.
func simplified(s string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := simplifiedOf[r]; ok {
			return t
		}
		return r
	}, s)
}
