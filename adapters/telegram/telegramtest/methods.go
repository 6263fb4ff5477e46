package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Telegram's limits that the server checks.
const (
	maxText         = 4096
	maxCallbackData = 64
	maxCallbackText = 200
	maxQuestion     = 300
	maxOption       = 100
	maxExplanation  = 200
	maxPlaceholder  = 64
)

// getUpdates answers a long poll: pending updates from offset on, or none
// after timeout seconds. Two at once are a 409 Conflict, as in Telegram.
func (s *Server) getUpdates(r *http.Request) reply {
	p := r.PostForm
	s.mu.Lock()
	switch {
	case s.webhook != nil:
		s.mu.Unlock()
		return refuse(http.StatusConflict, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	case s.polling > 0:
		s.conflicts++
		s.mu.Unlock()
		return refuse(http.StatusConflict, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
	}
	s.polling++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.polling--
		s.mu.Unlock()
	}()
	offset, _ := strconv.Atoi(p.Get("offset"))
	timeout, _ := strconv.Atoi(p.Get("timeout"))
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for len(s.updates) > 0 && s.updates[0].id < offset {
			s.updates = s.updates[1:] // confirmed by the offset
		}
		batch := make([]json.RawMessage, 0, len(s.updates))
		for _, u := range s.updates[:min(len(s.updates), 100)] {
			batch = append(batch, u.raw)
		}
		changed := s.changed
		s.mu.Unlock()
		if len(batch) > 0 {
			return ok(batch)
		}
		select {
		case <-changed:
		case <-deadline.C:
			return ok(batch)
		case <-r.Context().Done():
			return ok(batch)
		}
	}
}

// send answers sendMessage and sendPoll, under the lock.
func (s *Server) send(method string, p url.Values) (reply, Call) {
	chat, err := strconv.ParseInt(p.Get("chat_id"), 10, 64)
	if err != nil {
		return refuse(http.StatusBadRequest, "Bad Request: chat not found"), Call{}
	}
	if reason, ok := s.forbidden[chat]; ok {
		return refuse(http.StatusForbidden, reason), Call{}
	}
	if to, ok := s.upgraded[chat]; ok {
		return upgradedTo(to), Call{}
	}
	now := s.opts.Now()
	if n := s.opts.MessagesPerSecond; n > 0 {
		for len(s.window) > 0 && now.Sub(s.window[0]) >= time.Second {
			s.window = s.window[1:]
		}
		if len(s.window) >= n {
			return tooMany(1), Call{}
		}
	}
	msg := map[string]any{"date": now.Unix(), "chat": chatJSON(chat)}
	var call Call
	var content string
	if method == "sendPoll" {
		poll, bad := checkPoll(p)
		if bad != nil {
			return *bad, Call{}
		}
		s.polls++
		call.PollID = fmt.Sprintf("poll-%d", s.polls)
		poll["id"] = call.PollID
		msg["poll"] = poll
		content = p.Get("question")
	} else {
		text, bad := checkText(p)
		if bad != nil {
			return *bad, Call{}
		}
		msg["text"] = text
		content = text
	}
	if bad := checkMarkup(p.Get("reply_markup")); bad != nil {
		return *bad, Call{}
	}
	s.lastID[chat]++
	call.MessageID = s.lastID[chat]
	msg["message_id"] = call.MessageID
	call.Thread = s.threadOf(chat, p)
	if call.Thread != 0 {
		msg["message_thread_id"], msg["is_topic_message"] = call.Thread, true
		s.threads[[2]int64{chat, int64(call.MessageID)}] = call.Thread
	}
	s.messages[[2]int64{chat, int64(call.MessageID)}] = content + "\x00" + p.Get("reply_markup")
	if method == "sendPoll" {
		s.stoppable[[2]int64{chat, int64(call.MessageID)}] = true
	}
	s.window = append(s.window, now)
	return ok(msg), call
}

// threadOf is the forum topic a message is sent to: its
// message_thread_id, else that of the message it replies to.
func (s *Server) threadOf(chat int64, p url.Values) int {
	if t, err := strconv.Atoi(p.Get("message_thread_id")); err == nil {
		return t
	}
	var reply struct {
		MessageID int64 `json:"message_id"`
	}
	if json.Unmarshal([]byte(p.Get("reply_parameters")), &reply) == nil {
		return s.threads[[2]int64{chat, reply.MessageID}]
	}
	return 0
}

// editMessageText replaces a message's text and keyboard.
func (s *Server) editMessageText(p url.Values) reply {
	chat, _ := strconv.ParseInt(p.Get("chat_id"), 10, 64)
	id, _ := strconv.ParseInt(p.Get("message_id"), 10, 64)
	key := [2]int64{chat, id}
	old, found := s.messages[key]
	if !found {
		return refuse(http.StatusBadRequest, "Bad Request: message to edit not found")
	}
	text, bad := checkText(p)
	if bad == nil {
		bad = checkMarkup(p.Get("reply_markup"))
	}
	if bad != nil {
		return *bad
	}
	if content := text + "\x00" + p.Get("reply_markup"); content != old {
		s.messages[key] = content
		return ok(map[string]any{"message_id": id, "date": s.opts.Now().Unix(), "chat": chatJSON(chat), "text": text})
	}
	return refuse(http.StatusBadRequest, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
}

// stopPoll closes an open poll the bot sent.
func (s *Server) stopPoll(p url.Values) reply {
	chat, _ := strconv.ParseInt(p.Get("chat_id"), 10, 64)
	id, _ := strconv.ParseInt(p.Get("message_id"), 10, 64)
	key := [2]int64{chat, id}
	if !s.stoppable[key] {
		return refuse(http.StatusBadRequest, "Bad Request: message with poll to stop not found")
	}
	delete(s.stoppable, key)
	return ok(map[string]any{"id": fmt.Sprintf("stopped-%d-%d", chat, id), "is_closed": true})
}

// editMessageReplyMarkup replaces (or, empty, removes) a message's keyboard.
func (s *Server) editMessageReplyMarkup(p url.Values) reply {
	chat, _ := strconv.ParseInt(p.Get("chat_id"), 10, 64)
	id, _ := strconv.ParseInt(p.Get("message_id"), 10, 64)
	old, found := s.messages[[2]int64{chat, id}]
	if !found {
		return refuse(http.StatusBadRequest, "Bad Request: message to edit not found")
	}
	if bad := checkMarkup(p.Get("reply_markup")); bad != nil {
		return *bad
	}
	text, _, _ := strings.Cut(old, "\x00")
	s.messages[[2]int64{chat, id}] = text + "\x00" + p.Get("reply_markup")
	return ok(map[string]any{"message_id": id, "date": s.opts.Now().Unix(), "chat": chatJSON(chat)})
}

// answerCallbackQuery takes one answer per button press, within
// CallbackAnswerWindow of the press.
func (s *Server) answerCallbackQuery(p url.Values) reply {
	id := p.Get("callback_query_id")
	at, known := s.pressed[id]
	switch {
	case id == "" || s.answered[id] || known && s.opts.Now().Sub(at) > CallbackAnswerWindow:
		return refuse(http.StatusBadRequest, "Bad Request: query is too old and response timeout expired or query ID is invalid")
	case Len(p.Get("text")) > maxCallbackText:
		return refuse(http.StatusBadRequest, "Bad Request: MESSAGE_TOO_LONG")
	}
	s.answered[id] = true
	return ok(true)
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// setMyCommands checks the command list.
func (s *Server) setMyCommands(p url.Values) reply {
	var list []struct {
		Command     string `json:"command"`
		Description string `json:"description"`
	}
	if err := json.Unmarshal([]byte(p.Get("commands")), &list); err != nil || len(list) == 0 || len(list) > 100 {
		return refuse(http.StatusBadRequest, "Bad Request: can't parse commands JSON object")
	}
	for _, c := range list {
		if !commandName.MatchString(c.Command) {
			return refuse(http.StatusBadRequest, "Bad Request: BOT_COMMAND_INVALID")
		}
		if n := Len(c.Description); n < 1 || n > 256 {
			return refuse(http.StatusBadRequest, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	return ok(true)
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// setWebhook sets the webhook: an https URL, and a secret_token of the
// allowed characters.
func (s *Server) setWebhook(p url.Values) reply {
	u, err := url.Parse(p.Get("url"))
	if err != nil || u.Scheme != "https" {
		return refuse(http.StatusBadRequest, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
	}
	if st := p.Get("secret_token"); st != "" && !secretToken.MatchString(st) {
		return refuse(http.StatusBadRequest, "Bad Request: secret token contains unallowed characters")
	}
	s.webhook = p
	return ok(true)
}

// getChatMember answers a user's status in a chat.
func (s *Server) getChatMember(p url.Values) reply {
	chat, _ := strconv.ParseInt(p.Get("chat_id"), 10, 64)
	user, err := strconv.ParseInt(p.Get("user_id"), 10, 64)
	if err != nil {
		return refuse(http.StatusBadRequest, "Bad Request: PARTICIPANT_ID_INVALID")
	}
	status := s.members[[2]int64{chat, user}]
	if status == "" {
		status = "member"
	}
	return ok(map[string]any{"status": status, "user": userJSON(user)})
}

// checkText checks a message's text as Telegram parses it and returns the
// visible text, or the refusal.
func checkText(p url.Values) (string, *reply) {
	text := p.Get("text")
	if p.Get("parse_mode") == "HTML" {
		visible, err := CheckHTML(text)
		if err != nil {
			r := refuse(http.StatusBadRequest, "Bad Request: can't parse entities: "+err.Error())
			return "", &r
		}
		text = visible
	}
	switch {
	case strings.TrimSpace(text) == "":
		r := refuse(http.StatusBadRequest, "Bad Request: message text is empty")
		return "", &r
	case Len(text) > maxText:
		r := refuse(http.StatusBadRequest, "Bad Request: message is too long")
		return "", &r
	}
	return text, nil
}

// checkMarkup checks an inline keyboard, or a ForceReply: force_reply
// true, and a placeholder of at most 64 characters.
func checkMarkup(raw string) *reply {
	if raw == "" {
		return nil
	}
	var kb struct {
		InlineKeyboard [][]struct {
			Text         string  `json:"text"`
			CallbackData *string `json:"callback_data"`
		} `json:"inline_keyboard"`
		ForceReply  *bool   `json:"force_reply"`
		Placeholder *string `json:"input_field_placeholder"`
	}
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		r := refuse(http.StatusBadRequest, "Bad Request: can't parse reply keyboard markup JSON object")
		return &r
	}
	switch {
	case kb.ForceReply != nil && (!*kb.ForceReply || kb.InlineKeyboard != nil):
		r := refuse(http.StatusBadRequest, "Bad Request: can't parse reply keyboard markup JSON object")
		return &r
	case kb.Placeholder != nil && (kb.ForceReply == nil || Len(*kb.Placeholder) > maxPlaceholder):
		r := refuse(http.StatusBadRequest, "Bad Request: input field placeholder is too long")
		return &r
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				r := refuse(http.StatusBadRequest, "Bad Request: text buttons are unallowed in the inline keyboard")
				return &r
			}
			if b.CallbackData != nil && (len(*b.CallbackData) == 0 || len(*b.CallbackData) > maxCallbackData) {
				r := refuse(http.StatusBadRequest, "Bad Request: BUTTON_DATA_INVALID")
				return &r
			}
		}
	}
	return nil
}

// checkPoll checks a poll as the current Bot API takes it (options as
// InputPollOption objects; a quiz's answer in correct_option_ids) and
// returns the poll as Telegram describes it, or the refusal.
func checkPoll(p url.Values) (map[string]any, *reply) {
	bad := func(d string) (map[string]any, *reply) {
		r := refuse(http.StatusBadRequest, "Bad Request: "+d)
		return nil, &r
	}
	question := p.Get("question")
	if n := Len(question); n < 1 || n > maxQuestion {
		return bad("poll question length must be 1-300")
	}
	var options []struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(p.Get("options")), &options); err != nil {
		return bad("can't parse InputPollOption JSON object")
	}
	if len(options) < 2 || len(options) > 10 {
		return bad("poll must have 2-10 options")
	}
	out := make([]map[string]any, len(options))
	for i, o := range options {
		if n := Len(o.Text); n < 1 || n > maxOption {
			return bad("poll option length must be 1-100")
		}
		out[i] = map[string]any{"text": o.Text, "voter_count": 0}
	}
	var correct []int
	if p.Get("type") == "quiz" {
		raw := p.Get("correct_option_ids")
		if raw == "" {
			return bad("QUIZ_CORRECT_ANSWERS_EMPTY")
		}
		if err := json.Unmarshal([]byte(raw), &correct); err != nil {
			return bad("can't parse correct_option_ids")
		}
		if len(correct) != 1 {
			return bad("QUIZ_CORRECT_ANSWERS_TOO_MUCH")
		}
		if correct[0] < 0 || correct[0] >= len(options) {
			return bad("wrong correct option ID specified")
		}
	}
	if e := p.Get("explanation"); Len(e) > maxExplanation || strings.Count(e, "\n") > 2 {
		return bad("explanation is too long")
	}
	return map[string]any{
		"question": question, "options": out, "total_voter_count": 0, "is_closed": false,
		"is_anonymous": p.Get("is_anonymous") != "false", "type": p.Get("type"),
		"allows_multiple_answers": false, "correct_option_ids": correct,
	}, nil
}
