package lines

import "github.com/kubequiz/kubequiz/quiz"

var txtOnlyInATest = quiz.Text{ZH: "测试", EN: "test"}
