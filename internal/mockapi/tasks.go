package mockapi

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Task statuses from Dyn's docs, and the two groups the status argument of
// GET /REST/Task/ selects.
const (
	taskRunning  = "running"
	taskComplete = "complete"
	taskCanceled = "canceled"
)

var taskDone = map[string]bool{"complete": true, "failed": true, "canceled": true}

// publishTaskName is the name of the task a publish creates.
// deviation: the name of Dyn's publish task is not recorded; only
// "ProvisionZone" was seen, in a blocked-write failure.
const publishTaskName = "Publish"

// maxTasks bounds how many publish tasks the store keeps; the oldest go first.
// deviation: Dyn's task retention is not recorded.
const maxTasks = 1000

// Errors of the task calls.
var (
	ErrTaskNotFound = errors.New("task not found")
	ErrTaskFinished = errors.New("task has already finished")
)

// task is a publish task. It reads as running until runFor has passed
// since created, then as complete, unless it was canceled first.
type task struct {
	id         int64
	name       string
	zone       string
	created    time.Time
	runFor     time.Duration
	canceledAt time.Time
}

// taskView is a task as the API reports it at one moment.
type taskView struct {
	id       int64
	name     string
	zone     string
	status   string
	blocking bool
	created  time.Time
	modified time.Time
	args     []taskArg
}

type taskArg struct{ name, value string }

func (t *task) view(now time.Time) taskView {
	v := taskView{id: t.id, name: t.name, zone: t.zone, created: t.created, modified: t.created}
	finish := t.created.Add(t.runFor)
	switch {
	case !t.canceledAt.IsZero():
		v.status, v.modified = taskCanceled, t.canceledAt
	case now.Before(finish):
		v.status = taskRunning
	default:
		v.status, v.modified = taskComplete, finish
	}
	return v
}

// addTaskLocked records a new publish task and drops the oldest ones past
// maxTasks. The caller holds s.mu.
func (s *Store) addTaskLocked(zone string, runFor time.Duration) int64 {
	id := s.nextTaskID
	s.nextTaskID++
	s.tasks[id] = &task{id: id, name: publishTaskName, zone: zone, created: s.now(), runFor: runFor}
	s.taskOrder = append(s.taskOrder, id)
	for len(s.taskOrder) > maxTasks {
		delete(s.tasks, s.taskOrder[0])
		s.taskOrder = s.taskOrder[1:]
	}
	return id
}

// taskViews returns every publish task with its status at the current time.
func (s *Store) taskViews() []taskView {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	out := make([]taskView, 0, len(s.tasks))
	for _, id := range s.taskOrder {
		out = append(out, s.tasks[id].view(now))
	}
	return out
}

// cancelTask cancels a running publish task. It returns ErrTaskNotFound for
// an unknown id and ErrTaskFinished for a task that has already ended.
func (s *Store) cancelTask(id int64) (taskView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.tasks[id]
	if !found {
		return taskView{}, ErrTaskNotFound
	}
	now := s.now()
	if v := t.view(now); v.status != taskRunning {
		return v, ErrTaskFinished
	}
	t.canceledAt = now
	return t.view(now), nil
}

// blockTaskView returns the task a block control stands for: running and
// blocking while writes are still blocked, then complete, or canceled after
// a DELETE. The caller holds s.mu.
func blockTaskView(zone string, r *blockRule) taskView {
	v := taskView{id: r.taskID, name: r.taskName, zone: zone, blocking: true, created: r.created, modified: r.created, status: taskRunning}
	switch {
	case !r.canceledAt.IsZero():
		v.status, v.modified = taskCanceled, r.canceledAt
	case r.count <= 0:
		v.status, v.modified = taskComplete, r.endedAt
	}
	return v
}

// allTasks returns the publish tasks and the block controls' tasks, sorted by id.
func (s *Server) allTasks() []taskView {
	tasks := s.store.taskViews()
	s.mu.Lock()
	for zone, r := range s.blockRules {
		tasks = append(tasks, blockTaskView(zone, r))
	}
	s.mu.Unlock()
	sort.Slice(tasks, func(i, j int) bool { return tasks[i].id < tasks[j].id })
	return tasks
}

// taskData renders a task with the fields Dyn's docs list.
func (s *Server) taskData(v taskView) map[string]any {
	blocking := "N"
	if v.blocking {
		blocking = "Y"
	}
	// deviation: step counts are the mock's own; a task has one step, done once it is complete.
	steps := 0
	if v.status == taskComplete {
		steps = 1
	}
	args := make([]any, 0, len(v.args))
	for _, a := range v.args {
		args = append(args, map[string]any{"name": a.name, "value": a.value})
	}
	return map[string]any{
		// The docs type task_id as an integer, while publish responses carry it as a string.
		"task_id":       v.id,
		"name":          v.name,
		"customer_name": s.opts.Customer,
		"zone_name":     v.zone,
		"status":        v.status,
		"step_count":    steps,
		"total_steps":   1,
		"blocking":      blocking,
		"message":       "",
		"debug":         "",
		"created_ts":    v.created.Unix(),
		"modified_ts":   v.modified.Unix(),
		// deviation: the args of a publish or provisioning task are not recorded; the mock sends none.
		"args": args,
	}
}

func taskNotFound() reply {
	// deviation: the text for an unknown task id is not recorded.
	return fail(codeNotFound, "task: No such task")
}

// listTasks serves GET /REST/Task/ with the optional filters name,
// zone_name, status (done or notdone) and blocking (Y).
func (s *Server) listTasks(c *call) reply {
	name, _ := c.args.str("name")
	zone, _ := c.args.str("zone_name")
	status, _ := c.args.str("status")
	status = strings.ToLower(strings.TrimSpace(status))
	if status != "" && status != "done" && status != "notdone" {
		// deviation: the text for an invalid status filter is not recorded.
		return fail(codeInvalidData, fmt.Sprintf("status: %q must be done or notdone", status))
	}
	// deviation: Dyn's docs mention selecting blocking tasks but not the
	// argument's exact form; the mock takes blocking=Y.
	onlyBlocking := c.args.flag("blocking")

	data := []any{}
	for _, v := range s.allTasks() {
		switch {
		case name != "" && !strings.EqualFold(v.name, strings.TrimSpace(name)):
		case zone != "" && v.zone != normalizeName(zone):
		case status == "done" && !taskDone[v.status]:
		case status == "notdone" && taskDone[v.status]:
		case onlyBlocking && !v.blocking:
		default:
			data = append(data, s.taskData(v))
		}
	}
	// deviation: the success text of a task list is not recorded.
	return ok(data, info(fmt.Sprintf("get: Found %d tasks", len(data))))
}

func (s *Server) getTask(c *call) reply {
	id, err := strconv.ParseInt(c.params[0], 10, 64)
	if err != nil {
		return taskNotFound()
	}
	for _, v := range s.allTasks() {
		if v.id == id {
			// deviation: the success text of a task read is not recorded.
			return ok(s.taskData(v), info("get: Found the task"))
		}
	}
	return taskNotFound()
}

// cancelTask serves DELETE /REST/Task/<id>/. A block control's task is
// canceled by ending the block; a publish task only while it runs.
func (s *Server) cancelTask(c *call) reply {
	id, err := strconv.ParseInt(c.params[0], 10, 64)
	if err != nil {
		return taskNotFound()
	}
	if v, canceled, found := s.cancelBlockTask(id); found {
		if !canceled {
			return taskFinished(v)
		}
		// deviation: the success text of a task cancel is not recorded.
		return ok(s.taskData(v), info("cancel: Task canceled"))
	}
	v, err := s.store.cancelTask(id)
	switch {
	case errors.Is(err, ErrTaskNotFound):
		return taskNotFound()
	case errors.Is(err, ErrTaskFinished):
		return taskFinished(v)
	}
	return ok(s.taskData(v), info("cancel: Task canceled"))
}

func taskFinished(v taskView) reply {
	// deviation: Dyn's response to canceling a finished task is not recorded.
	return failWithStatus(http.StatusBadRequest, codeIllegalOperation, fmt.Sprintf("task: Task %d has already finished with status %s", v.id, v.status))
}

// cancelBlockTask ends the running block whose task has the id and returns
// the task's view. canceled is false when that block had already ended, and
// found is false when no block control has the id.
func (s *Server) cancelBlockTask(id int64) (v taskView, canceled, found bool) {
	now := s.opts.Clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for zone, r := range s.blockRules {
		if r.taskID != id {
			continue
		}
		if r.count > 0 {
			r.count = 0
			r.canceledAt = now
			canceled = true
		}
		return blockTaskView(zone, r), canceled, true
	}
	return taskView{}, false, false
}
