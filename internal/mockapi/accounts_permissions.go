package mockapi

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// Permission checks.
//
// A user holds permissions of its own and those of its groups. A group's
// permissions reach its member users and, through subgroup lists, the users
// of its member groups. The user's own permissions apply on the user's zone
// list and a group's on the group's zone list. An empty zone list means
// every zone. A forbid rule takes a permission away on its zones, or
// everywhere when it lists none, whatever grants it. Admin users, such as
// the one in Options, hold every permission.
//
// deviation: Dyn documents the zone and forbid lists but not how they
// combine. The rules above are the mock's reading of them.

// knownPermissions are the permission names that an admin's
// UserPermissionReport lists. Dyn's full list is not recorded.
var knownPermissions = []string{
	"ContactAdd", "ContactDelete", "ContactGet", "ContactUpdate",
	"CustomerReadIPACL", "CustomerUpdateIPACL",
	"GroupAdd", "GroupDelete", "GroupGet", "GroupUpdate",
	"NotifierAdd", "NotifierDelete", "NotifierGet", "NotifierUpdate",
	"PermissionGet", "PermissionUpdate",
	"RecordAdd", "RecordDelete", "RecordGet", "RecordUpdate",
	"UpdateUserAdd", "UpdateUserDelete", "UpdateUserLogin", "UpdateUserUpdate",
	"UserAdd", "UserBlock", "UserChangepw", "UserDelete", "UserGet", "UserLogin", "UserUnblock", "UserUpdate",
	"ZoneAdd", "ZoneDelete", "ZoneGet", "ZoneUpdate",
}

// requirement is the permission an API call needs and, for a permission
// that applies per zone, the zone or node name the call acts on.
type requirement struct {
	permission string
	target     string
}

var verbs = map[string]string{
	http.MethodGet: "Get", http.MethodPost: "Add", http.MethodPut: "Update", http.MethodDelete: "Delete",
}

// requirementFor returns the permission that a call needs, or false when
// any logged-in user may make it.
//
// deviation: Dyn does not document which permission each call checks. The
// mock uses the documented names: <Object><Verb> (RecordAdd, ZoneUpdate,
// UserGet, ContactDelete), with Add for POST. Publish, freeze and thaw are
// ZoneUpdate. The entry resources of a user are PermissionUpdate and those
// of a group GroupUpdate. The Group* and Notifier* names are the mock's own.
// Task calls and reading one's own user or permission report need none.
// GET /REST/Zone/ needs ZoneGet on some zone and lists every zone.
func requirementFor(method string, rt route, a args, self string) (requirement, bool) {
	verb, known := verbs[method]
	if !known {
		return requirement{}, false
	}
	p := rt.params
	last := func() string { return normalizeName(p[len(p)-1]) }
	if rt.isRecord && len(p) > 0 {
		target := normalizeName(p[0])
		if len(p) > 1 {
			target = normalizeName(p[1])
		}
		return requirement{permission: "Record" + verb, target: target}, true
	}

	switch rt.resource {
	case "Zone":
		if len(p) == 0 {
			return requirement{permission: "ZoneGet"}, true
		}
		return requirement{permission: "Zone" + verb, target: normalizeName(p[0])}, true
	case "ZoneChanges":
		if len(p) == 0 {
			return requirement{}, false
		}
		if method == http.MethodGet {
			return requirement{permission: "ZoneGet", target: normalizeName(p[0])}, true
		}
		return requirement{permission: "ZoneUpdate", target: normalizeName(p[0])}, true
	case "AllRecord", "ANYRecord", "NodeList":
		if len(p) == 0 {
			return requirement{}, false
		}
		return requirement{permission: "RecordGet", target: last()}, true
	case "Node":
		if len(p) == 0 {
			return requirement{}, false
		}
		return requirement{permission: "RecordDelete", target: last()}, true
	case "ZoneNoteReport":
		zone, _ := a.str("zone")
		return requirement{permission: "ZoneGet", target: normalizeName(zone)}, true
	case "User":
		if len(p) == 1 && method == http.MethodGet && userKey(p[0]) == userKey(self) {
			return requirement{}, false
		}
		if method == http.MethodPut {
			switch {
			case a.flag("block"):
				return requirement{permission: "UserBlock"}, true
			case a.flag("unblock"):
				return requirement{permission: "UserUnblock"}, true
			}
		}
		return requirement{permission: "User" + verb}, true
	case "UserPermissionEntry", "UserGroupEntry", "UserZoneEntry", "UserForbidEntry":
		return requirement{permission: "PermissionUpdate"}, true
	case "PermissionGroup":
		return requirement{permission: "Group" + verb}, true
	case "PermissionGroupPermissionEntry", "PermissionGroupZoneEntry", "PermissionGroupSubgroupEntry", "PermissionGroupUserEntry":
		return requirement{permission: "GroupUpdate"}, true
	case "Contact":
		return requirement{permission: "Contact" + verb}, true
	case "Notifier":
		return requirement{permission: "Notifier" + verb}, true
	case "UserPermissionReport":
		if other, named := a.str("user_name"); named && other != "" && userKey(other) != userKey(self) {
			return requirement{permission: "PermissionGet"}, true
		}
	case "Password":
		return requirement{permission: "UserChangepw"}, true
	}
	return requirement{}, false
}

// authorize returns the permission failure for a call that the session's
// user may not make.
func (s *Server) authorize(sess *session, method string, rt route, a args) (reply, bool) {
	req, needed := requirementFor(method, rt, a, sess.user)
	if !needed {
		return reply{}, false
	}
	switch s.accounts.check(sess.user, req.permission, req.target) {
	case decisionForbidden:
		return permissionDenied(sess.user, req, "is forbidden"), true
	case decisionMissing:
		return permissionDenied(sess.user, req, "does not have"), true
	}
	return reply{}, false
}

// permissionDenied is the failure for a call the user may not make.
func permissionDenied(user string, req requirement, verb string) reply {
	text := fmt.Sprintf("permission: User %s %s the %s permission", user, verb, req.permission)
	if req.target != "" {
		text += " on " + req.target
	}
	// deviation: PERMISSION_DENIED is documented but no failure was
	// recorded. The text and the HTTP status (400, as for other request
	// failures) are the mock's own.
	return fail(codePermissionDenied, text)
}

const codePermissionDenied = "PERMISSION_DENIED"

type decision int

const (
	decisionAllowed decision = iota
	decisionMissing
	decisionForbidden
)

// check decides whether a user may use a permission on target, a zone or
// node name, or on no zone when target is "".
func (a *Accounts) check(user, permission, target string) decision {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[userKey(user)]
	if !ok {
		return decisionMissing
	}
	if u.Admin {
		return decisionAllowed
	}
	for _, r := range u.Forbid {
		if r.Permission != permission {
			continue
		}
		if len(r.Zones) == 0 || (target != "" && anyCovers(r.Zones, target)) {
			return decisionForbidden
		}
	}
	if slices.Contains(u.Permissions, permission) && scopeCovers(u.Zones, target) {
		return decisionAllowed
	}
	for _, g := range a.effectiveGroupsLocked(u.UserName) {
		if slices.Contains(g.Permissions, permission) && scopeCovers(g.Zones, target) {
			return decisionAllowed
		}
	}
	return decisionMissing
}

// scopeCovers reports whether a grant with the zone list applies to target.
func scopeCovers(zones []ZoneGrant, target string) bool {
	return len(zones) == 0 || target == "" || anyCovers(zones, target)
}

func anyCovers(zones []ZoneGrant, target string) bool {
	for _, z := range zones {
		if target == z.ZoneName || (z.Recurse && strings.HasSuffix(target, "."+z.ZoneName)) {
			return true
		}
	}
	return false
}

// effectiveGroupsLocked returns the groups whose permissions reach a user:
// the groups it is a member of, and every group that lists one of those as
// a subgroup, transitively.
func (a *Accounts) effectiveGroupsLocked(user string) []*PermissionGroup {
	reached := map[string]bool{}
	var queue []string
	for name, g := range a.groups {
		if slices.Contains(g.Users, user) {
			reached[name] = true
			queue = append(queue, name)
		}
	}
	for len(queue) > 0 {
		member := queue[0]
		queue = queue[1:]
		for name, g := range a.groups {
			if !reached[name] && slices.Contains(g.Subgroups, member) {
				reached[name] = true
				queue = append(queue, name)
			}
		}
	}
	out := make([]*PermissionGroup, 0, len(reached))
	for name := range reached {
		out = append(out, a.groups[name])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// PermissionReport is a user's effective permissions, as
// POST /REST/UserPermissionReport/ returns them.
type PermissionReport struct {
	Allowed       []ReportedPermission
	Forbidden     []ReportedPermission
	AdminOverride bool
}

// ReportedPermission is one permission of a report. Reasons name the
// groups it comes from, and "" stands for the user's own grant (or an admin's
// override). Zones is empty when the permission applies everywhere.
type ReportedPermission struct {
	Name    string
	Zones   []ReportedZone
	Reasons []string
}

// ReportedZone is one zone of a reported permission, with the groups it comes from.
type ReportedZone struct {
	ZoneName string
	Recurse  bool
	Reasons  []string
}

// Report builds a user's permission report.
//
// deviation: the report's shape is documented, but which reasons Dyn
// lists is not. The mock lists group names, and "" for a grant of the
// user's own, as a recorded fixture shows for an allowed permission.
func (a *Accounts) Report(user string) (PermissionReport, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[userKey(user)]
	if !ok {
		return PermissionReport{}, ErrUserNotFound
	}
	if u.Admin {
		rep := PermissionReport{AdminOverride: true}
		for _, p := range knownPermissions {
			rep.Allowed = append(rep.Allowed, ReportedPermission{Name: p, Reasons: []string{""}})
		}
		return rep, nil
	}

	type source struct {
		reason string
		zones  []ZoneGrant
	}
	sources := map[string][]source{}
	for _, p := range u.Permissions {
		sources[p] = append(sources[p], source{reason: "", zones: u.Zones})
	}
	for _, g := range a.effectiveGroupsLocked(u.UserName) {
		for _, p := range g.Permissions {
			sources[p] = append(sources[p], source{reason: g.Name, zones: g.Zones})
		}
	}

	forbiddenEverywhere := map[string]bool{}
	var rep PermissionReport
	for _, r := range u.Forbid {
		entry := ReportedPermission{Name: r.Permission}
		if len(r.Zones) == 0 {
			forbiddenEverywhere[r.Permission] = true
			entry.Reasons = []string{""}
		}
		for _, z := range r.Zones {
			entry.Zones = append(entry.Zones, ReportedZone{ZoneName: z.ZoneName, Recurse: z.Recurse, Reasons: []string{""}})
		}
		rep.Forbidden = append(rep.Forbidden, entry)
	}

	names := make([]string, 0, len(sources))
	for p := range sources {
		if !forbiddenEverywhere[p] {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	for _, p := range names {
		entry := ReportedPermission{Name: p}
		zones := map[string]*ReportedZone{}
		for _, src := range sources[p] {
			if len(src.zones) == 0 {
				entry.Reasons = appendUnique(entry.Reasons, src.reason)
				continue
			}
			for _, z := range src.zones {
				rz, seen := zones[z.ZoneName]
				if !seen {
					rz = &ReportedZone{ZoneName: z.ZoneName}
					zones[z.ZoneName] = rz
				}
				rz.Recurse = rz.Recurse || z.Recurse
				rz.Reasons = appendUnique(rz.Reasons, src.reason)
			}
		}
		for _, rz := range zones {
			entry.Zones = append(entry.Zones, *rz)
		}
		sort.Slice(entry.Zones, func(i, j int) bool { return entry.Zones[i].ZoneName < entry.Zones[j].ZoneName })
		rep.Allowed = append(rep.Allowed, entry)
	}
	return rep, nil
}

func appendUnique(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

// reportData renders a report as the API does.
func reportData(rep PermissionReport) map[string]any {
	render := func(perms []ReportedPermission) []any {
		out := make([]any, 0, len(perms))
		for _, p := range perms {
			zones := make([]any, 0, len(p.Zones))
			for _, z := range p.Zones {
				zones = append(zones, map[string]any{"zone_name": z.ZoneName, "recurse": yesNo(z.Recurse), "reason": nonNil(z.Reasons)})
			}
			out = append(out, map[string]any{"name": p.Name, "zone": zones, "reason": nonNil(p.Reasons)})
		}
		return out
	}
	override := "0"
	if rep.AdminOverride {
		override = "1"
	}
	return map[string]any{"allowed": render(rep.Allowed), "forbidden": render(rep.Forbidden), "admin_override": override}
}

// endUserSessions ends every session of a user, as a block or delete
// does, and drops their pending changes.
//
// deviation: whether Dyn ends the sessions of a user it blocks or deletes
// is not recorded.
func (s *Server) endUserSessions(user string) {
	s.mu.Lock()
	var ids []string
	for token, sess := range s.sessions {
		if userKey(sess.user) == userKey(user) {
			ids = append(ids, sess.id)
			delete(s.sessions, token)
		}
	}
	s.mu.Unlock()

	for _, id := range ids {
		s.store.dropSession(id)
	}
}
