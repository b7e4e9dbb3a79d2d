package client

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// steadyJobPolls is how many polls of a job come Config.JobPollInterval
// apart before the interval starts to double.
const steadyJobPolls = 3

// pollJob polls /REST/Job/<id>/ until the job ends or Config.JobTimeout
// passes, and returns the original call's envelope.
//
// The first poll waits for most of the time that the client's recent jobs
// took, but at least Config.JobPollInterval, so that a job of the usual
// length is found done at the first poll. Later polls come
// Config.JobPollInterval apart, and from the third on the interval doubles
// up to 5 s.
func (c *Client) pollJob(ctx context.Context, token, method, path string, jobID int64) (*envelope, int, error) {
	if jobID == 0 {
		return nil, 0, fmt.Errorf("%s %s: the API started a job but sent no job id", method, path)
	}
	started := time.Now()
	deadline := started.Add(c.cfg.JobTimeout)
	wait := c.firstJobPoll()
	jobPath := "/REST/Job/" + strconv.FormatInt(jobID, 10) + "/"
	for poll := 1; ; poll++ {
		if time.Now().Add(wait).After(deadline) {
			return nil, 0, fmt.Errorf("%s %s: job %d still running after %s: %w", method, path, jobID, c.cfg.JobTimeout, ErrJobTimeout)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, 0, fmt.Errorf("%s %s: polling job %d: %w", method, path, jobID, err)
		}
		switch {
		case poll == 1:
			wait = c.cfg.JobPollInterval
		case poll >= steadyJobPolls:
			// The first polls stay one interval apart, so that a job that
			// ends just after a poll is found one interval later, not a
			// doubled one.
			wait = min(wait*2, 5*time.Second)
		}

		env, status, err := c.roundTrip(ctx, token, http.MethodGet, jobPath, nil)
		if err != nil {
			return nil, 0, fmt.Errorf("%s %s: polling job %d: %w", method, path, jobID, err)
		}
		if status == http.StatusTemporaryRedirect || env.Status == "incomplete" || env.Status == "running" {
			continue
		}
		c.noteJobTime(time.Since(started))
		if env.JobID == 0 {
			env.JobID = jobID
		}
		return env, status, nil
	}
}

// firstJobPoll returns the wait before a job's first poll: nine tenths of
// the usual job time, so that the estimate can come down when jobs get
// faster, but at least Config.JobPollInterval.
func (c *Client) firstJobPoll() time.Duration {
	c.mu.Lock()
	usual := c.jobTime
	c.mu.Unlock()
	return max(c.cfg.JobPollInterval, usual*9/10)
}

// noteJobTime adds the time a job took until the poll that found it done to
// the moving average of job times.
func (c *Client) noteJobTime(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.jobTime == 0 {
		c.jobTime = d
		return
	}
	c.jobTime = (c.jobTime*7 + d*3) / 10
}
