// Package mockapi is an in-memory mock of the Dyn Traffic Management REST
// API (DynECT) and of the approved senders of the Dyn email API, the target
// of the provider's acceptance tests and the demo backend. It serves /REST
// with Dyn's envelope ({"status","data","job_id","msgs"}), HTTP status
// codes, ERR_CD values and message texts, so clients written against the
// real API work unchanged. Where Dyn's behaviour was never recorded, the
// code marks its choice with a "deviation:" comment.
//
// It serves sessions, zones (create, get, list, publish, freeze, thaw,
// delete), pending changes (ZoneChanges), every record type in the rrtype
// table under /REST/<TYPE>Record, AllRecord, ANYRecord, NodeList and Node
// deletes, tasks (/REST/Task), zone notes (/REST/ZoneNoteReport), jobs (307
// redirects and /REST/Job polls), the one-request-per-session rule and the
// account-wide rate limit. Record writes are staged per session and zone
// and become visible only when that session publishes the zone. Repeated
// slashes in a /REST path count as one, and every /REST response is an
// envelope with a job_id.
//
// # Publishing
//
// A publish applies the session's changeset, moves the serial by the zone's
// serial style and returns the zone with a task_id string. If the merged
// records would break a node rule (a type's maximum per node, or a CNAME
// next to other data), the publish fails with the error staging gives and
// the changeset stays pending. A staged change whose record has gone in the
// meantime is skipped, with one extra INFO line in the publish response.
// The day style keeps YYYYMMDDnn: a second publish on one day takes the
// next nn, and a publish past nn 99 fails with ILLEGAL_OPERATION. The minute
// style keeps YYMMDDHHMM: a second publish in one minute takes the next
// minute. "notes" sent with a publish become a zone note of type "publish".
//
//	GET    /REST/Task/                 args name, zone_name, status (done or notdone), blocking (Y)
//	GET    /REST/Task/<task_id>/       one task: task_id, name, customer_name, zone_name, status,
//	                                   step_count, total_steps, blocking, message, debug,
//	                                   created_ts, modified_ts, args
//	DELETE /REST/Task/<task_id>/       cancels a running task; a finished one gives ILLEGAL_OPERATION
//	GET    /REST/ZoneNoteReport/       args zone (required), offset, limit; newest first,
//	                                   "notes: Found N notes". POST works too.
//
// A publish creates a task named "Publish" that is complete at once, or
// running for Options.PublishTaskDuration. The task of a /__mock/block
// control is a running, blocking task while writes are blocked, and a
// DELETE of it ends the block.
//
// # GSLB and RTTM
//
// GSLB and RTTM services, with their regions and pool entries, take effect
// at once: they are not staged in a changeset and need no publish. They
// belong to their zone and go when it is deleted.
//
//	GET    /REST/GSLB/<zone>/                        list; detail=Y gives whole services
//	POST   /REST/GSLB/<zone>/<fqdn>/                 contact_nickname, region (list) required; monitor
//	GET    /REST/GSLB/<zone>/<fqdn>/
//	PUT    /REST/GSLB/<zone>/<fqdn>/                 any field (monitor fields merge, region replaces),
//	                                                 activate, deactivate, recover, recoverip + address
//	DELETE /REST/GSLB/<zone>/<fqdn>/
//	POST   /REST/GSLBRegion/<zone>/<fqdn>/           region_code, pool required
//	GET    /REST/GSLBRegion/<zone>/<fqdn>/<code>/    PUT changes the fields sent (pool replaces); DELETE
//	POST   /REST/GSLBRegionPoolEntry/<zone>/<fqdn>/<code>/            address required
//	GET    /REST/GSLBRegionPoolEntry/<zone>/<fqdn>/<code>/<address>/  PUT (new_address, label, weight,
//	                                                 serve_mode); DELETE
//
// RTTM, RTTMRegion and RTTMRegionPoolEntry take the same calls, except that
// RTTM pool entries have no POST. An RTTM service also needs a
// performance_monitor (interval 10, 20, 30 or 60) and has syslog_rttm_fmt,
// its regions have autopopulate, ep, apmc, epmc and status, pool weights go
// up to 15 instead of 14, and a pool entry read with detail=Y has a log.
// Region codes hold spaces ("US East"), escaped in paths as %20. A new
// service is active with status "unk", because the mock never probes;
// a recover turns "failover" or "trouble" into "ok".
//
// # Accounts and permissions
//
// The mock serves /REST/User (with block and unblock), the per-user
// UserPermissionEntry, UserGroupEntry, UserZoneEntry and UserForbidEntry
// resources, /REST/PermissionGroup and its permission, zone, subgroup and
// user entries, /REST/Contact, /REST/Notifier, UserPermissionReport,
// CheckPermissionReport and /REST/Password. They act at once, with no
// publish. Creating a user creates a contact named after its nickname, and
// deleting the user leaves the contact.
//
// A notifier's recipient without "@" must name an existing contact, and each
// of its services must be an existing Traffic Director service (class DSF)
// or monitor (class Monitor). A service's notifiers list and add_notifier
// and remove_notifier calls act on the same links. Deleting a service,
// monitor or notifier drops its links.
//
// A login must name an active user with its password. The user of Options
// is an admin with every permission. Options.Accounts (dynmock --accounts)
// adds more users and groups, and /__mock/reset restores them. Every other
// call checks the session user's permissions, as accounts_permissions.go
// describes, and fails with ERR_CD PERMISSION_DENIED when the user lacks the
// permission or is forbidden it on the zone. Blocking or deleting a user
// ends its sessions.
//
// # Sessions and jobs
//
// A session idle for Options.SessionIdleTimeout ends, and its pending
// changes are dropped, at the next request of any session; its token then
// gets "login: inactivity logout". A token ended by logout or by
// /__mock/expire-sessions gets "login: Bad or expired credentials". A write
// or publish still in flight when its session ends stages nothing and gets
// the expired-token failure.
//
// A poll of a finished job returns HTTP 200 with the original call's
// envelope, also when that call failed (status "failure", its msgs and
// job_id). A finished job stays readable for one minute after a poll has
// returned its result, or for Options.JobRetention when no poll has, and
// goes when its session ends. A forced job that is not polled to the end
// frees its session Options.JobPollGrace after its work ended.
//
// # Rate limit and latency
//
// The rate limit allows Options.RateLimitPerSecond /REST requests in any
// 1 s window, or any number when it is 0. It counts over all sessions and
// logins of the customer, as Dyn counted 300 per minute per account. The
// request past the limit gets HTTP 429 and a
// failure envelope whose first message has ERR_CD RATE_LIMIT_EXCEEDED.
// Every /REST request then gets the same response for
// Options.RateLimitPenalty, and after that the window starts empty. The
// mock serves one customer, so every /REST request counts, also one with a
// bad token or bad credentials. A request that the limit rejects does not
// count, and /__mock/fail-next replies before the limit is applied.
// Options.Clock measures the window and the penalty.
//
// Options.Latency delays every /REST response, logins, job polls and
// failures included. It is real time, not Clock time.
//
// # Fault injection
//
// Options.FaultSeed seeds one math/rand source, and every seeded fault
// below draws from it, so the same seed and the same requests sent one at
// a time meet the same faults. A knob set to 0 takes no number from the
// source. Concurrent requests draw in the order they reach the mock.
//
//   - FaultRate: that fraction of /REST requests, logins included and job
//     polls excluded, gets HTTP 503 with ERR_CD SERVICE_UNAVAILABLE or a
//     connection reset, chosen evenly by the source. It applies right after
//     /__mock/fail-next and before the rate limit, so such a request does
//     not count towards the limit.
//   - LostResponseRate: that fraction of writes (POST, PUT and DELETE of any
//     resource but Session) is carried out, and then the connection is
//     closed without a response, as /__mock/drop-response does. A write
//     answered by a job loses its 307 response, and its job still runs.
//   - BlockedRate: that fraction of writes to a zone (the writes that
//     /__mock/block covers) fails with "zone: Operation blocked by current
//     task" and the task_name and task_id lines of ProvisionZone 39120953,
//     without acting. That task is not listed at /REST/Task.
//   - TokenTTL: a session ends this long after its login, by Clock. Its
//     token then gets "login: Bad or expired credentials" and its pending
//     changes are dropped.
//   - JobDelay: every write gets a 307 job redirect at once, and the write runs
//     and takes effect when the job completes, this much real time later.
//     The session is busy until then, as with any running job. A write that
//     /__mock/jobs forces keeps the behaviour of that control.
//
// /__mock/stats counts the injected faults, and /__mock/faults reads and
// changes the knobs at run time.
//
// # Email API
//
// The same server serves the approved-sender calls of the Dyn email
// (Message Management) API under /rest/json, with its envelope
// {"response": {"status", "message", "data"}} and the same code in the HTTP
// status line. Each key in Options.EmailAPIKeys is an account of its own.
// GET arguments come from the query string, POST arguments from a
// form-encoded or multipart body, and a name may carry a [] suffix.
//
//	GET  /rest/json/senders            startindex (or start_index); 25 senders a page,
//	                                   oldest first: {"senders": [{"emailaddress"}]}
//	POST /rest/json/senders            emailaddress, seeding (0 or 1); creates or updates
//	GET  /rest/json/senders/details    emailaddress: {"emailaddress", "seeding", "spf", "dkim",
//	                                   "dkimval", "<selector>._domainkey.<domain>"}
//	GET  /rest/json/senders/status     emailaddress: {"ready": 1}
//	POST /rest/json/senders/dkim       emailaddress, dkim (the selector); returns the details
//	POST /rest/json/senders/delete     emailaddress
//
// A missing or unknown apikey gets status 451, a missing or invalid
// argument 452, an address that another account has approved 453, and an
// unknown sender 404. The DKIM value is a 1024-bit RSA public key made per
// account, domain and selector. spf and dkim in the details are 1 when the
// mock's own published zones hold a v=spf1 TXT record at the domain and the
// DKIM value at the selector's record. The email API has no rate limit,
// latency, jobs or fault knobs, and the request log shows no query strings.
//
// # Test controls
//
// Test-only routes live under /__mock/ and never under /REST. They need no
// token, take and return JSON, and respond with 400 and {"error": "..."} for a
// bad body. Fields left out of a body take the defaults shown.
//
//	GET  /__mock/state            {"zones": {"<zone>": {"serial", "serial_style", "frozen",
//	                                "published": [records as the API renders them],
//	                                "pending": {"<session id>": [ZoneChanges items]},
//	                                "balancers": {"GSLB <fqdn>": {service as the API renders it}}}},
//	                               "accounts": {"users", "groups", "contacts", "notifiers"}}
//	                              Session ids are short ("s1"); tokens and passwords never appear.
//	GET  /__mock/stats            {"requests": {"GET /REST/ARecord/{zone}/{fqdn}/{id}": n, ...},
//	                               "publishes": {"<zone>": n}, "rate_limited": n,
//	                               "faults": {"unavailable": n, "reset": n, "lost_response": n,
//	                                          "blocked": n, "expired": n}}
//	                              rate_limited counts the 429 responses of the rate limit, and
//	                              faults the injected faults; expired counts sessions ended by token_ttl.
//	                              "balancer_writes": {"GSLB <zone>/<fqdn>": {"PUT GSLBRegionPoolEntry": n}}
//	                              counts the writes that reached each GSLB and RTTM service.
//	                              Unknown resources count as "GET /REST/{unknown}", extra path
//	                              segments as one "/{more}", other methods as "{method}".
//	POST /__mock/reset            {} clears zones, sessions, jobs, counters and rules, ends
//	                              a rate-limit penalty, and restores the fault knobs of Options
//	                              with a freshly seeded source.
//	POST /__mock/fail-next        {"count": 1, "status": 503, "match": ""}
//	                              The next count matching /REST requests fail with status
//	                              (400-599) and a failure envelope, before the rate limit.
//	                              Email requests count only when match names a /rest/ path.
//	POST /__mock/expire-sessions  {} ends every session and drops its pending changes;
//	                              returns {"expired": n}.
//	POST /__mock/jobs             {"count": 1, "polls": 1, "mode": "307", "first": "307", "match": ""}
//	                              The next count matching calls run at once but answer as jobs
//	                              (first: "307" redirect or "incomplete" 200). The result comes on
//	                              the polls-th poll of /REST/Job/<id>; earlier polls answer per mode.
//	                              The session stays busy until then, or until JobPollGrace has
//	                              passed. Login is never turned into a job.
//	POST /__mock/block            {"zone": "", "count": 1, "task_name": "ProvisionZone", "task_id": 39120953}
//	                              The next count writes to zone fail with "zone: Operation blocked
//	                              by current task" (ILLEGAL_OPERATION) and the task_name and task_id lines.
//	                              GET /REST/Task/<task_id>/ shows the task as running until then.
//	POST /__mock/drop-response    {"count": 1, "match": ""}
//	                              The next count matching calls take effect, then the connection
//	                              is closed without a response.
//	POST /__mock/seed             {"zone": "", "rname": "hostmaster@example.com", "ttl": 3600,
//	                               "serial_style": "increment",
//	                               "records": [{"fqdn", "record_type", "ttl", "rdata": {...}}]}
//	                              Creates the zone when missing and publishes the records directly;
//	                              returns {"records": [...]} with their ids.
//	GET  /__mock/faults           {"fault_seed": 1, "fault_rate": 0, "lost_response_rate": 0,
//	                               "token_ttl": "0s", "blocked_rate": 0, "job_delay": "0s"}
//	                              The current fault knobs; durations are Go duration strings.
//	POST /__mock/faults           the same fields. Fields left out keep their current values,
//	                              and every POST reseeds the source from fault_seed. Rates
//	                              outside 0 to 1 and negative durations get 400.
//	GET  /__mock/zonefile/<zone>  the published zone as BIND master-file text, sorted.
//
// A match is "" (every request), a path prefix ("/REST/Zone"), or a method
// and a path prefix ("PUT /REST/Zone/example.com").
package mockapi
