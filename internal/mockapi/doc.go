// Package mockapi is an in-memory mock of the Dyn Traffic Management REST
// API (DynECT), the target of the provider's acceptance tests and the demo
// backend. It serves /REST with Dyn's envelope
// ({"status","data","job_id","msgs"}), HTTP status codes, ERR_CD values and
// message texts, so clients written against the real API work unchanged.
// Where Dyn's behaviour was never recorded, the code marks its choice with a
// "deviation:" comment.
//
// It serves sessions, zones (create, get, list, publish, freeze, thaw,
// delete), pending changes (ZoneChanges), every record type in the rrtype
// table under /REST/<TYPE>Record, AllRecord, ANYRecord, NodeList and Node
// deletes, jobs (307 redirects and /REST/Job polls), the one-request-per-
// session rule and the per-customer rate limit. Record writes are staged
// per session and zone and become visible only when that session publishes
// the zone.
//
// # Test controls
//
// Test-only routes live under /__mock/ and never under /REST. They need no
// token, take and return JSON, and respond with 400 and {"error": "..."} for a
// bad body. Fields left out of a body take the defaults shown.
//
//	GET  /__mock/state            {"zones": {"<zone>": {"serial", "serial_style", "frozen",
//	                                "published": [records as the API renders them],
//	                                "pending": {"<session id>": [ZoneChanges items]}}}}
//	                              Session ids are short ("s1"); tokens never appear.
//	GET  /__mock/stats            {"requests": {"GET /REST/ARecord/{zone}/{fqdn}/{id}": n, ...},
//	                               "publishes": {"<zone>": n}}
//	POST /__mock/reset            {} clears zones, sessions, jobs, counters and rules.
//	POST /__mock/fail-next        {"count": 1, "status": 503, "match": ""}
//	                              The next count matching /REST requests fail with status
//	                              (400-599) and a failure envelope, before the rate limit.
//	POST /__mock/expire-sessions  {} ends every session and drops its pending changes;
//	                              returns {"expired": n}.
//	POST /__mock/jobs             {"count": 1, "polls": 1, "mode": "307", "first": "307", "match": ""}
//	                              The next count matching calls run at once but answer as jobs
//	                              (first: "307" redirect or "incomplete" 200). The result comes on
//	                              the polls-th poll of /REST/Job/<id>; earlier polls answer per mode.
//	                              The session stays busy until then. Login is never turned into a job.
//	POST /__mock/block            {"zone": "", "count": 1, "task_name": "ProvisionZone", "task_id": 39120953}
//	                              The next count writes to zone fail with "zone: Operation blocked
//	                              by current task" (ILLEGAL_OPERATION) and the task_name and task_id lines.
//	POST /__mock/drop-response    {"count": 1, "match": ""}
//	                              The next count matching calls take effect, then the connection
//	                              is closed without a response.
//	POST /__mock/seed             {"zone": "", "rname": "hostmaster@example.com", "ttl": 3600,
//	                               "serial_style": "increment",
//	                               "records": [{"fqdn", "record_type", "ttl", "rdata": {...}}]}
//	                              Creates the zone when missing and publishes the records directly;
//	                              returns {"records": [...]} with their ids.
//	GET  /__mock/zonefile/<zone>  the published zone as BIND master-file text, sorted.
//
// A match is "" (every request), a path prefix ("/REST/Zone"), or a method
// and a path prefix ("PUT /REST/Zone/example.com").
package mockapi
