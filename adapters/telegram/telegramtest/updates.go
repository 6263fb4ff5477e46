package telegramtest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The updates below are in the Bot API's format, for Push or a webhook
// request. A positive chat ID is the private chat with that user; a
// negative one is a supergroup. Users speak English ("language_code": "en").

// date is the updates' send time (any fixed time does).
const date = 1764468000

func chatJSON(id int64) map[string]any {
	if id > 0 {
		return map[string]any{"id": id, "type": "private", "first_name": fmt.Sprintf("User%d", id)}
	}
	return map[string]any{"id": id, "type": "supergroup", "title": "Group"}
}

func userJSON(id int64) map[string]any {
	return map[string]any{"id": id, "is_bot": false, "first_name": fmt.Sprintf("User%d", id), "language_code": "en"}
}

func encode(v map[string]any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// Message is an update with a text message from user in chat; a leading
// /command is marked as a bot_command entity, as Telegram does.
func Message(updateID int, chat, user int64, messageID int, text string) []byte {
	msg := map[string]any{"message_id": messageID, "from": userJSON(user), "chat": chatJSON(chat), "date": date, "text": text}
	return encode(map[string]any{"update_id": updateID, "message": withCommand(msg, text)})
}

// TopicMessage is Message sent in the forum topic thread of chat (a
// supergroup with topics), as Telegram marks it: message_thread_id and
// is_topic_message.
func TopicMessage(updateID int, chat, user int64, messageID, thread int, text string) []byte {
	msg := map[string]any{"message_id": messageID, "from": userJSON(user), "chat": chatJSON(chat), "date": date, "text": text,
		"message_thread_id": thread, "is_topic_message": true}
	return encode(map[string]any{"update_id": updateID, "message": withCommand(msg, text)})
}

// AnonymousAdminMessage is an update with a text message an administrator
// of group chat posts as the group: Telegram sends it from
// GroupAnonymousBot, with the group as its sender_chat.
func AnonymousAdminMessage(updateID int, chat int64, messageID int, text string) []byte {
	anon := map[string]any{"id": 1087968824, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot"}
	msg := map[string]any{"message_id": messageID, "from": anon, "sender_chat": chatJSON(chat), "chat": chatJSON(chat), "date": date, "text": text}
	return encode(map[string]any{"update_id": updateID, "message": withCommand(msg, text)})
}

// withCommand marks a message's leading command, as Telegram does with an
// entity of type bot_command.
func withCommand(msg map[string]any, text string) map[string]any {
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": Len(cmd)}}
	}
	return msg
}

// Reply is an update with user's text message in chat that replies to the
// bot's message replyTo (as a reply to a ForceReply prompt is).
func Reply(updateID int, chat, user int64, messageID, replyTo int, text string) []byte {
	bot := map[string]any{"id": 1, "is_bot": true, "first_name": "KubeQuiz", "username": "KubeQuizBot"}
	return encode(map[string]any{"update_id": updateID, "message": map[string]any{
		"message_id": messageID, "from": userJSON(user), "chat": chatJSON(chat), "date": date, "text": text,
		"reply_to_message": map[string]any{"message_id": replyTo, "from": bot, "chat": chatJSON(chat), "date": date, "text": "…"},
	}})
}

// Callback is an update for user pressing the button with data under the
// bot's message messageID in chat. Its query ID is "cb-<updateID>".
func Callback(updateID int, chat, user int64, messageID int, data string) []byte {
	return encode(map[string]any{"update_id": updateID, "callback_query": map[string]any{
		"id": "cb-" + strconv.Itoa(updateID), "from": userJSON(user), "chat_instance": strconv.FormatInt(chat, 10), "data": data,
		"message": map[string]any{"message_id": messageID, "chat": chatJSON(chat), "date": date, "text": "…"},
	}})
}

// TopicCallback is Callback on a message in the forum topic thread.
func TopicCallback(updateID int, chat, user int64, messageID, thread int, data string) []byte {
	return encode(map[string]any{"update_id": updateID, "callback_query": map[string]any{
		"id": "cb-" + strconv.Itoa(updateID), "from": userJSON(user), "chat_instance": strconv.FormatInt(chat, 10), "data": data,
		"message": map[string]any{"message_id": messageID, "chat": chatJSON(chat), "date": date, "text": "…",
			"message_thread_id": thread, "is_topic_message": true},
	}})
}

// PollAnswer is an update for user voting options in a poll.
func PollAnswer(updateID int, pollID string, user int64, options ...int) []byte {
	return encode(map[string]any{"update_id": updateID, "poll_answer": map[string]any{
		"poll_id": pollID, "user": userJSON(user), "option_ids": append([]int{}, options...),
	}})
}

// groupJSON is a basic group (not a supergroup), as one is before its
// upgrade.
func groupJSON(id int64) map[string]any {
	return map[string]any{"id": id, "type": "group", "title": "Group"}
}

// MigrateTo is the service message Telegram sends in a group that user
// upgraded to a supergroup: migrate_to_chat_id names the supergroup.
func MigrateTo(updateID int, group, supergroup, user int64, messageID int) []byte {
	return encode(map[string]any{"update_id": updateID, "message": map[string]any{
		"message_id": messageID, "from": userJSON(user), "chat": groupJSON(group), "date": date,
		"migrate_to_chat_id": supergroup,
	}})
}

// MigrateFrom is the service message Telegram sends in the supergroup a
// group became, as the supergroup itself (through GroupAnonymousBot):
// migrate_from_chat_id names the group.
func MigrateFrom(updateID int, supergroup, group int64, messageID int) []byte {
	anon := map[string]any{"id": 1087968824, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot"}
	return encode(map[string]any{"update_id": updateID, "message": map[string]any{
		"message_id": messageID, "from": anon, "sender_chat": chatJSON(supergroup), "chat": chatJSON(supergroup), "date": date,
		"migrate_from_chat_id": group,
	}})
}

// BotAdded is an update for user adding the bot (botID) to a group.
func BotAdded(updateID int, chat, user, botID int64) []byte {
	bot := map[string]any{"id": botID, "is_bot": true, "first_name": "KubeQuiz"}
	return encode(map[string]any{"update_id": updateID, "my_chat_member": map[string]any{
		"chat": chatJSON(chat), "from": userJSON(user), "date": date,
		"old_chat_member": map[string]any{"status": "left", "user": bot},
		"new_chat_member": map[string]any{"status": "member", "user": bot},
	}})
}
