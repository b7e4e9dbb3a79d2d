package mockapi

import (
	"net/http"
	"strconv"
)

// job is a request whose response was a 307 redirect because its result was not ready.
type job struct {
	id        int64
	sessionID string
	sess      *session
	mode      PollMode
	done      bool
	result    reply
	// pollsLeft counts the polls a forced job still needs before it reports
	// its result; natural jobs report it as soon as the work ends.
	pollsLeft int
	forced    bool
	released  bool
}

func jobLocation(id int64) string {
	return "/REST/Job/" + strconv.FormatInt(id, 10) + "/"
}

func (s *Server) addJob(id int64, sess *session, mode PollMode, polls int) *job {
	j := &job{id: id, sessionID: sess.id, sess: sess, mode: mode}
	if polls > 0 {
		j.forced = true
		j.pollsLeft = polls
	}
	s.mu.Lock()
	s.jobs[id] = j
	s.mu.Unlock()
	return j
}

// finishJob stores a job's result. A natural job frees its session now; a
// forced job keeps it busy until the poll that reports the result.
func (s *Server) finishJob(j *job, rep reply, release bool) {
	rep.env.JobID = j.id
	s.mu.Lock()
	j.done = true
	j.result = rep
	j.released = release
	s.mu.Unlock()
	if release {
		s.release(j.sess)
	}
}

// runningOutcome builds the response to a call or poll whose job has not finished.
func (s *Server) runningOutcome(j *job, mode PollMode) outcome {
	body := incompleteEnvelope{Status: "incomplete", Data: nil, JobID: j.id}
	if mode == PollIncomplete {
		return outcome{status: http.StatusOK, body: body, jobID: j.id}
	}
	// deviation: the body of a 307 is not recorded; the mock sends the incomplete envelope.
	return outcome{status: http.StatusTemporaryRedirect, body: body, jobID: j.id, location: jobLocation(j.id)}
}

// pollJob serves GET /REST/Job/<id>. Polls do not need the session to be
// free, because polling is how a client waits for its running job.
func (s *Server) pollJob(sess *session, rawID string, pollJobID int64) outcome {
	id, err := strconv.ParseInt(rawID, 10, 64)

	s.mu.Lock()
	j := s.jobs[id]
	if err != nil || j == nil || j.sessionID != sess.id {
		s.mu.Unlock()
		// deviation: the text for an unknown job id is not recorded.
		return envelopeOutcome(fail(codeNotFound, "job: No such job"), pollJobID)
	}
	if j.forced && j.pollsLeft > 0 {
		j.pollsLeft--
	}
	ready := j.done && (!j.forced || j.pollsLeft == 0)
	releaseNow := ready && !j.released
	if releaseNow {
		j.released = true
	}
	result := j.result
	s.mu.Unlock()

	if !ready {
		return s.runningOutcome(j, j.mode)
	}
	if releaseNow {
		s.release(j.sess)
	}
	return outcome{status: result.status, body: result.env, jobID: j.id}
}
