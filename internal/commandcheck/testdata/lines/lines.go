package lines

import "github.com/kubequiz/kubequiz/quiz"

var (
	txtOne = quiz.Text{ZH: "一", EN: "one"}
	txtTwo = quiz.Text{
		ZH: "二" + "二",
		EN: "two " +
			"lines",
	}
)

var none = quiz.Text{}

func say() quiz.Text { return quiz.Text{EN: `three`, ZH: "三"} }
