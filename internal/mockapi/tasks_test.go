package mockapi

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// idString renders a decoded JSON id without an exponent.
func idString(v any) string {
	if f, isFloat := v.(float64); isFloat {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func TestTask_publishTaskIsReadable(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC))
	srv := testServer(t, Options{Customer: "acme", Clock: clock.Now})
	c := testNewClient(t, srv)
	login := c.mustOK(http.MethodPost, "/REST/Session/", map[string]any{"customer_name": "acme", "user_name": "demo", "password": "demo"})
	c.token = decodeData[map[string]string](t, login)["token"]
	c.createZone("task.example", "")

	taskID, isString := c.publish("task.example")["task_id"].(string)
	if !isString {
		t.Fatalf("publish task_id is not a string")
	}
	resp := c.mustOK(http.MethodGet, "/REST/Task/"+taskID+"/", nil)
	task := decodeData[map[string]any](t, resp)
	want := map[string]any{
		"task_id": taskID, "name": "Publish", "customer_name": "acme", "zone_name": "task.example",
		"status": "complete", "blocking": "N", "step_count": 1.0, "total_steps": 1.0,
		"message": "", "debug": "", "created_ts": float64(clock.Now().Unix()), "modified_ts": float64(clock.Now().Unix()),
	}
	for key, value := range want {
		got := task[key]
		if key == "task_id" {
			got = idString(got)
		}
		if got != value {
			t.Errorf("task %s = %#v, want %#v", key, task[key], value)
		}
	}
	if args, isList := task["args"].([]any); !isList || len(args) != 0 {
		t.Errorf("task args = %#v, want an empty list", task["args"])
	}

	list := decodeData[[]map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/?zone_name=task.example&status=done", nil))
	if len(list) != 1 || idString(list[0]["task_id"]) != taskID {
		t.Errorf("done tasks of task.example = %v", list)
	}
	notDone := decodeData[[]map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/", map[string]any{"status": "notdone"}))
	if len(notDone) != 0 {
		t.Errorf("notdone tasks = %v, want none", notDone)
	}
	byName := decodeData[[]map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/?name=ProvisionZone", nil))
	if len(byName) != 0 {
		t.Errorf("ProvisionZone tasks = %v, want none", byName)
	}

	expectFailure(t, c.call(http.MethodDelete, "/REST/Task/"+taskID+"/", nil), http.StatusBadRequest, codeIllegalOperation)
	expectFailure(t, c.call(http.MethodGet, "/REST/Task/", map[string]any{"status": "sometimes"}), http.StatusBadRequest, codeInvalidData)
}

func TestTask_unknownTask(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	for _, path := range []string{"/REST/Task/12345/", "/REST/Task/not-a-number/"} {
		expectFailure(t, c.call(http.MethodGet, path, nil), http.StatusNotFound, codeNotFound, "task: No such task")
		expectFailure(t, c.call(http.MethodDelete, path, nil), http.StatusNotFound, codeNotFound, "task: No such task")
	}
}

func TestTask_runningPublishTaskCanBeCanceled(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC))
	srv := testServer(t, Options{Clock: clock.Now, PublishTaskDuration: time.Minute})
	c := testLogin(t, srv)
	c.createZone("slow.example", "")
	first := c.publish("slow.example")["task_id"].(string)
	second := c.publish("slow.example")["task_id"].(string)

	running := decodeData[[]map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/?status=notdone", nil))
	if len(running) != 2 || running[0]["status"] != "running" {
		t.Fatalf("notdone tasks = %v, want two running", running)
	}
	canceled := decodeData[map[string]any](t, c.mustOK(http.MethodDelete, "/REST/Task/"+first+"/", nil))
	if canceled["status"] != "canceled" {
		t.Errorf("canceled task status = %v", canceled["status"])
	}

	clock.Advance(2 * time.Minute)
	done := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/"+second+"/", nil))
	if done["status"] != "complete" {
		t.Errorf("task after its duration: status = %v, want complete", done["status"])
	}
	again := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/"+first+"/", nil))
	if again["status"] != "canceled" {
		t.Errorf("canceled task later: status = %v, want canceled", again["status"])
	}
}

func TestTask_blockTaskRunsWhileBlocked(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("blocked.example", "")
	c.control("/__mock/block", map[string]any{"zone": "blocked.example", "count": 1, "task_id": 777})

	task := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/777/", nil))
	if task["status"] != "running" || task["blocking"] != "Y" || task["name"] != "ProvisionZone" || task["zone_name"] != "blocked.example" {
		t.Errorf("task while blocked = %v", task)
	}
	blocking := decodeData[[]map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/?blocking=Y", nil))
	if len(blocking) != 1 || blocking[0]["task_id"] != 777.0 {
		t.Errorf("blocking tasks = %v", blocking)
	}

	expectFailure(t, c.call(http.MethodPost, "/REST/ARecord/blocked.example/www.blocked.example/", aRecord("192.0.2.1", 60)),
		http.StatusBadRequest, codeIllegalOperation, "zone: Operation blocked by current task", "task_name: ProvisionZone", "task_id: 777")
	task = decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/Task/777/", nil))
	if task["status"] != "complete" {
		t.Errorf("task after the block: status = %v, want complete", task["status"])
	}
}

func TestTask_cancelBlockTaskEndsBlock(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("cancel.example", "")
	c.control("/__mock/block", map[string]any{"zone": "cancel.example", "count": 5, "task_id": 888})

	task := decodeData[map[string]any](t, c.mustOK(http.MethodDelete, "/REST/Task/888/", nil))
	if task["status"] != "canceled" {
		t.Errorf("canceled block task status = %v", task["status"])
	}
	c.mustOK(http.MethodPost, "/REST/ARecord/cancel.example/www.cancel.example/", aRecord("192.0.2.1", 60))
	expectFailure(t, c.call(http.MethodDelete, "/REST/Task/888/", nil), http.StatusBadRequest, codeIllegalOperation)
}
