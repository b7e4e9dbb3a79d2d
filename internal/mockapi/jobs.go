package mockapi

import (
	"net/http"
	"strconv"
	"time"
)

// jobRepollGrace is how long a job stays readable after a poll has reported
// its result, so that a client whose poll response was lost can poll again.
// deviation: how long Dyn kept a finished job is not recorded.
const jobRepollGrace = time.Minute

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
	// finishedAt is when the work ended and reportedAt when a poll first
	// returned the result, both by Options.Clock; reportedAt is zero until then.
	finishedAt time.Time
	reportedAt time.Time
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
	if j.forced {
		sess.heldBy = j
	}
	s.mu.Unlock()
	return j
}

// finishJob stores a job's result. A natural job frees its session now; a
// forced job keeps it busy until the poll that reports the result, or until
// JobPollGrace has passed.
func (s *Server) finishJob(j *job, rep reply, release bool) {
	rep.env.JobID = j.id
	now := s.opts.Clock()
	s.mu.Lock()
	j.done = true
	j.result = rep
	j.released = release
	j.finishedAt = now
	s.mu.Unlock()
	if release {
		s.release(j.sess)
	}
}

// pruneJobsLocked deletes finished jobs that were reported more than
// jobRepollGrace ago or finished more than JobRetention ago, and jobs whose
// session has ended. Jobs still running stay. The caller holds s.mu.
func (s *Server) pruneJobsLocked(now time.Time) {
	live := make(map[string]bool, len(s.sessions))
	for _, sess := range s.sessions {
		live[sess.id] = true
	}
	for id, j := range s.jobs {
		reportedLongAgo := !j.reportedAt.IsZero() && now.Sub(j.reportedAt) > jobRepollGrace
		finishedLongAgo := j.done && now.Sub(j.finishedAt) > s.opts.JobRetention
		if reportedLongAgo || finishedLongAgo || j.done && !live[j.sessionID] {
			delete(s.jobs, id)
		}
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
//
// A poll of a finished job returns HTTP 200 and the original call's
// envelope (its status, data, msgs and job_id), also when that call failed.
// deviation: the HTTP status of a poll that reports a failed call is not
// recorded. Dyn's docs say the Job GET succeeds whenever it finds the job,
// "even if the requested job has returned a failure", and clients read the
// status inside the envelope, so the mock sends 200 with status "failure".
func (s *Server) pollJob(sess *session, rawID string, pollJobID int64) outcome {
	id, err := strconv.ParseInt(rawID, 10, 64)
	now := s.opts.Clock()

	s.mu.Lock()
	j := s.jobs[id]
	if err != nil || j == nil || j.sessionID != sess.id {
		s.mu.Unlock()
		// deviation: the text for an unknown job id is not recorded.
		return envelopeOutcome(fail(codeNotFound, "job: No such job"), pollJobID)
	}
	s.settleForcedJobLocked(sess, now)
	if j.forced && j.pollsLeft > 0 {
		j.pollsLeft--
	}
	ready := j.done && (!j.forced || j.pollsLeft == 0)
	releaseNow := ready && !j.released
	if releaseNow {
		j.released = true
	}
	if ready && j.reportedAt.IsZero() {
		j.reportedAt = now
	}
	result := j.result
	s.mu.Unlock()

	if !ready {
		return s.runningOutcome(j, j.mode)
	}
	if releaseNow {
		s.release(j.sess)
	}
	return outcome{status: http.StatusOK, body: result.env, jobID: j.id}
}
