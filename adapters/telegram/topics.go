package telegram

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A forum (a supergroup with topics) holds its messages in threads: the
// bot answers a message in a topic in that topic (message_thread_id), and
// a topic is a conversation of its own for the core: its channel is
// "<chat>/<thread>" (a daily turned on in a topic posts there), the chat
// alone for the rest. A channel kept before topics were known is a chat's.

// channelID is the core's channel of a chat, or of one of its topics when
// thread is not 0.
func channelID(chat int64, thread int) string {
	if thread == 0 {
		return strconv.FormatInt(chat, 10)
	}
	return strconv.FormatInt(chat, 10) + "/" + strconv.Itoa(thread)
}

// parseChannel reads a channel: "<chat>", or "<chat>/<thread>".
func parseChannel(channel string) (chat int64, thread int, err error) {
	id, topic, inTopic := strings.Cut(channel, "/")
	chat, err = strconv.ParseInt(id, 10, 64)
	if err == nil && inTopic {
		thread, err = strconv.Atoi(topic)
		if thread <= 0 {
			err = fmt.Errorf("no topic %q", topic)
		}
	}
	if err != nil {
		return 0, 0, fmt.Errorf("telegram: %q is not a chat ID", channel)
	}
	return chat, thread, nil
}

// topicMessage is what the adapter reads of a message's topic, which the
// library's types do not hold.
type topicMessage struct {
	ThreadID int  `json:"message_thread_id"`
	IsTopic  bool `json:"is_topic_message"`
}

// thread is the forum topic the message is in, 0 for none (a chat without
// topics, or a forum's General topic).
func (m *topicMessage) thread() int {
	if m == nil || !m.IsTopic {
		return 0
	}
	return m.ThreadID
}

// threadOf is the forum topic of an update's message, or of the message
// whose button was pressed: 0 for none.
func threadOf(raw []byte) int {
	var u struct {
		Message       *topicMessage `json:"message"`
		CallbackQuery *struct {
			Message *topicMessage `json:"message"`
		} `json:"callback_query"`
	}
	if json.Unmarshal(raw, &u) != nil {
		return 0
	}
	if u.CallbackQuery != nil {
		return u.CallbackQuery.Message.thread()
	}
	return u.Message.thread()
}

// threadParams puts a message in a forum topic, when thread is not 0.
func threadParams(prm map[string]string, thread int) {
	if thread != 0 {
		prm["message_thread_id"] = strconv.Itoa(thread)
	}
}
