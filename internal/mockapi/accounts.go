package mockapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Handlers of /REST/User, the per-user entry resources, the permission
// reports and /REST/Password. Account calls act at once. None of them
// touches zone publishing.
//
// deviation: no success message of the account calls is recorded. Their
// INFO texts are the mock's own, in Dyn's "<component>: <text>" form.

// userRequiredFields are the fields a user create must carry besides the
// user name in the path.
var userRequiredFields = []string{"password", "email", "first_name", "last_name", "nickname", "organization", "phone"}

// userStringFields maps the user's string fields to their wire keys.
// The password is written only, and never rendered.
func userStringFields(u *User) map[string]*string {
	return map[string]*string{
		"password": &u.Password, "email": &u.Email, "first_name": &u.FirstName, "last_name": &u.LastName,
		"nickname": &u.Nickname, "organization": &u.Organization, "phone": &u.Phone,
		"address": &u.Address, "address_2": &u.Address2, "city": &u.City, "country": &u.Country,
		"post_code": &u.PostCode, "fax": &u.Fax, "website": &u.Website,
		"notify_email": &u.NotifyEmail, "pager_email": &u.PagerEmail,
	}
}

// userData renders a user as GET /REST/User/<name>/ does, without the password.
//
// deviation: the documented GET fields leave out permission, zone and
// forbid (dyn-python reads them from UserPermissionReport). The mock adds
// them so that a client can read the user's own grants back.
func userData(u User) map[string]any {
	data := map[string]any{"user_name": u.UserName, "status": u.Status}
	for key, field := range userStringFields(&u) {
		if key != "password" {
			data[key] = *field
		}
	}
	forbid := make([]any, 0, len(u.Forbid))
	for _, r := range u.Forbid {
		forbid = append(forbid, map[string]any{"name": r.Permission, "zone": grantsData(r.Zones)})
	}
	data["group_name"] = nonNil(u.Groups)
	data["permission"] = nonNil(u.Permissions)
	data["zone"] = grantsData(u.Zones)
	data["forbid"] = forbid
	return data
}

func grantsData(grants []ZoneGrant) []any {
	out := make([]any, 0, len(grants))
	for _, g := range grants {
		out = append(out, map[string]any{"zone_name": g.ZoneName, "recurse": yesNo(g.Recurse)})
	}
	return out
}

// accountFailure maps an Accounts error to Dyn's failure envelope.
//
// deviation: no account failure is recorded. The codes follow Dyn's
// ERR_CD list (TARGET_EXISTS, NOT_FOUND, MISSING_DATA, INVALID_DATA) and
// the texts are the mock's own.
func accountFailure(err error) reply {
	var field *FieldError
	switch {
	case errors.As(err, &field):
		code := codeInvalidData
		if field.Missing {
			code = codeMissingData
		}
		return fail(code, field.Error())
	case errors.Is(err, ErrUserExists):
		return fail(codeTargetExists, "name: Name already exists", "create: You already have this user.")
	case errors.Is(err, ErrGroupExists):
		return fail(codeTargetExists, "name: Name already exists", "create: You already have this permission group.")
	case errors.Is(err, ErrContactExists):
		return fail(codeTargetExists, "name: Name already exists", "create: You already have this contact.")
	case errors.Is(err, ErrUserNotFound):
		return fail(codeNotFound, "user: No such user"+detailOf(err))
	case errors.Is(err, ErrGroupNotFound):
		return fail(codeNotFound, "group: No such permission group"+detailOf(err))
	case errors.Is(err, ErrContactNotFound):
		return fail(codeNotFound, "contact: No such contact"+detailOf(err))
	case errors.Is(err, errDeleteLoggedInUser):
		return fail(codeIllegalOperation, "user: You cannot delete the user you are logged in as")
	default:
		return fail(codeInternalError, "internal: "+err.Error())
	}
}

// detailOf returns ", <name>" for an error wrapped as `<kind> "<name>": ...`.
func detailOf(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 && strings.Contains(msg[:i], `"`) {
		return " (" + msg[:i] + ")"
	}
	return ""
}

// userArgs holds the parsed arguments of a user create or update. Lists
// are nil when the request leaves them out.
type userArgs struct {
	strings     map[string]string
	groups      *[]string
	permissions *[]string
	zones       *[]ZoneGrant
	forbid      *[]ForbidRule
}

// parseUserArgs reads and checks the user fields of a request.
func parseUserArgs(a args) (userArgs, error) {
	out := userArgs{strings: map[string]string{}}
	var probe User
	for key := range userStringFields(&probe) {
		if _, present := a[key]; !present {
			continue
		}
		v, ok := a.str(key)
		if !ok {
			return userArgs{}, &FieldError{Field: key, Message: "Must be a string"}
		}
		out.strings[key] = v
	}
	if err := checkContactFields(out.strings); err != nil {
		return userArgs{}, err
	}
	if pw, present := out.strings["password"]; present && pw == "" {
		return userArgs{}, &FieldError{Field: "password", Message: "The password cannot be empty"}
	}

	if v, present := a["group_name"]; present {
		groups, err := parseStringList("group_name", v)
		if err != nil {
			return userArgs{}, err
		}
		out.groups = &groups
	}
	if v, present := a["permission"]; present {
		perms, err := parseStringList("permission", v)
		if err != nil {
			return userArgs{}, err
		}
		if err := checkPermissionNames(perms); err != nil {
			return userArgs{}, err
		}
		out.permissions = &perms
	}
	if v, present := a["zone"]; present {
		zones, err := parseZoneGrants(v)
		if err != nil {
			return userArgs{}, err
		}
		out.zones = &zones
	}
	if v, present := a["forbid"]; present {
		rules, err := parseForbidRules(v)
		if err != nil {
			return userArgs{}, err
		}
		out.forbid = &rules
	}
	return out, nil
}

// apply copies the parsed fields onto u.
func (ua userArgs) apply(u *User) {
	fields := userStringFields(u)
	for key, v := range ua.strings {
		*fields[key] = v
	}
	if ua.permissions != nil {
		u.Permissions = *ua.permissions
	}
	if ua.zones != nil {
		u.Zones = *ua.zones
	}
	if ua.forbid != nil {
		u.Forbid = *ua.forbid
	}
}

// checkContactFields checks the email and phone fields that users and
// contacts share. Empty values pass, because callers check required fields.
func checkContactFields(fields map[string]string) error {
	for _, key := range []string{"email", "notify_email", "pager_email"} {
		v := fields[key]
		if v == "" {
			continue
		}
		local, domain, found := strings.Cut(v, "@")
		if !found || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(v, " \t") {
			// deviation: the text for an invalid address is not recorded.
			return &FieldError{Field: key, Message: fmt.Sprintf("%q is not a valid email address", v)}
		}
	}
	if phone := fields["phone"]; phone != "" {
		digits := 0
		for _, c := range phone {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		// Dyn's form is (0) (country code, 1-3 digits) (local number, at
		// least 7 digits) (extension, at most 4 digits), with non-digits ignored.
		if digits < 8 || digits > 19 {
			// deviation: the text for an invalid phone number is not recorded.
			return &FieldError{Field: "phone", Message: fmt.Sprintf("%q must hold a country code and a local number of at least 7 digits", phone)}
		}
	}
	return nil
}

func (s *Server) createUser(c *call) reply {
	name := strings.TrimSpace(c.params[0])
	for _, field := range userRequiredFields {
		if v, ok := c.args.str(field); !ok || strings.TrimSpace(v) == "" {
			return fail(codeMissingData, field+": This field is required")
		}
	}
	ua, err := parseUserArgs(c.args)
	if err != nil {
		return accountFailure(err)
	}
	u := User{UserName: name}
	ua.apply(&u)
	if ua.groups != nil {
		u.Groups = *ua.groups
	}
	created, err := s.accounts.CreateUser(u)
	if err != nil {
		return accountFailure(err)
	}
	return ok(userData(created), info("create: New user "+created.UserName+" created"))
}

func (s *Server) getUser(c *call) reply {
	u, err := s.accounts.User(c.params[0])
	if err != nil {
		return accountFailure(err)
	}
	return ok(userData(u), info("get: Found the user"))
}

func (s *Server) listUsers(c *call) reply {
	users := s.accounts.Users()
	msg := info(fmt.Sprintf("get: Found %d users", len(users)))
	if c.args.detail() {
		data := make([]any, 0, len(users))
		for _, u := range users {
			data = append(data, userData(u))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(users))
	for _, u := range users {
		data = append(data, "/REST/User/"+u.UserName+"/")
	}
	return ok(data, msg)
}

// updateUser changes a user's fields, or blocks or unblocks it.
func (s *Server) updateUser(c *call) reply {
	name := c.params[0]
	block, unblock := c.args.flag("block"), c.args.flag("unblock")
	if block || unblock {
		for key := range c.args {
			if key != "block" && key != "unblock" {
				// deviation: Dyn documents that block and unblock must be the only argument, not the error it gives.
				return fail(codeInvalidData, "block: Send block or unblock as the only argument")
			}
		}
		if block && unblock {
			return fail(codeInvalidData, "block: Send block or unblock, not both")
		}
		status, verb := StatusActive, "unblock"
		if block {
			status, verb = StatusBlocked, "block"
		}
		u, err := s.accounts.UpdateUser(name, func(u *User) error {
			u.Status = status
			return nil
		})
		if err != nil {
			return accountFailure(err)
		}
		if block {
			s.endUserSessions(u.UserName)
		}
		return ok(userData(u), info(verb+": User "+u.UserName+" is now "+status))
	}

	ua, err := parseUserArgs(c.args)
	if err != nil {
		return accountFailure(err)
	}
	for _, field := range userRequiredFields {
		if v, present := ua.strings[field]; present && strings.TrimSpace(v) == "" {
			return fail(codeInvalidData, field+": This field cannot be empty")
		}
	}
	if ua.groups != nil {
		if _, err := s.accounts.SetUserGroups(name, *ua.groups); err != nil {
			return accountFailure(err)
		}
	}
	u, err := s.accounts.UpdateUser(name, func(u *User) error {
		ua.apply(u)
		return nil
	})
	if err != nil {
		return accountFailure(err)
	}
	return ok(userData(u), info("update: User "+u.UserName+" updated"))
}

func (s *Server) deleteUser(c *call) reply {
	if userKey(c.params[0]) == userKey(c.sess.user) {
		return accountFailure(errDeleteLoggedInUser)
	}
	u, err := s.accounts.User(c.params[0])
	if err != nil {
		return accountFailure(err)
	}
	if err := s.accounts.DeleteUser(u.UserName); err != nil {
		return accountFailure(err)
	}
	s.endUserSessions(u.UserName)
	return ok(map[string]any{}, info("delete: User "+u.UserName+" deleted"))
}

// userEntryReply renders the result of an entry call.
//
// deviation: Dyn documents the response of the entry resources as "Not
// Applicable". The mock returns the user.
func userEntryReply(u User, err error, text string) reply {
	if err != nil {
		return accountFailure(err)
	}
	return ok(userData(u), info(text))
}

// userPermissionEntry serves /REST/UserPermissionEntry/<user>/[<permission>/].
func (s *Server) userPermissionEntry(c *call) reply {
	user := c.params[0]
	switch c.method {
	case http.MethodPut:
		perms := []string{}
		if v, present := c.args["permission"]; present {
			var err error
			if perms, err = parseStringList("permission", v); err != nil {
				return accountFailure(err)
			}
		}
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Permissions = perms
			return nil
		})
		return userEntryReply(u, err, "update: Permissions replaced")
	case http.MethodPost:
		perm := c.params[1]
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Permissions = append(u.Permissions, perm)
			return nil
		})
		return userEntryReply(u, err, "add: Permission "+perm+" added")
	default:
		perm := c.params[1]
		// deviation: removing a permission the user lacks succeeds, as the result is the same.
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Permissions = remove(u.Permissions, perm)
			return nil
		})
		return userEntryReply(u, err, "delete: Permission "+perm+" removed")
	}
}

// userGroupEntry serves /REST/UserGroupEntry/<user>/[<group>/].
func (s *Server) userGroupEntry(c *call) reply {
	user := c.params[0]
	current, err := s.accounts.User(user)
	if err != nil {
		return accountFailure(err)
	}
	var groups []string
	switch c.method {
	case http.MethodPut:
		// deviation: Dyn's docs name the list "group" and dyn-python sends
		// "groups". The mock takes either, "group" first.
		groups = []string{}
		for _, key := range []string{"group", "groups"} {
			if v, present := c.args[key]; present {
				if groups, err = parseStringList(key, v); err != nil {
					return accountFailure(err)
				}
				break
			}
		}
	case http.MethodPost:
		groups = append(current.Groups, c.params[1])
	default:
		groups = remove(current.Groups, c.params[1])
	}
	u, err := s.accounts.SetUserGroups(user, groups)
	return userEntryReply(u, err, "update: Permission groups of user "+current.UserName+" set")
}

// userZoneEntry serves /REST/UserZoneEntry/<user>/[<zone>/].
func (s *Server) userZoneEntry(c *call) reply {
	user := c.params[0]
	switch c.method {
	case http.MethodPut:
		if v, present := c.args["zone"]; present {
			zones, err := parseZoneGrants(v)
			if err != nil {
				return accountFailure(err)
			}
			u, err := s.accounts.UpdateUser(user, func(u *User) error {
				u.Zones = zones
				return nil
			})
			return userEntryReply(u, err, "update: Zones replaced")
		}
		if zoneName, present := c.args.str("zone_name"); present {
			// dyn-python changes one zone's recurse flag this way.
			grant, err := parseZoneGrant(map[string]any(c.args))
			if err != nil {
				return accountFailure(err)
			}
			u, err := s.accounts.UpdateUser(user, func(u *User) error {
				for i, z := range u.Zones {
					if z.ZoneName == normalizeName(zoneName) {
						u.Zones[i].Recurse = grant.Recurse
						return nil
					}
				}
				return fmt.Errorf("zone %q: %w", zoneName, ErrZoneNotFound)
			})
			if errors.Is(err, ErrZoneNotFound) {
				// deviation: the error for a zone missing from the user's list is not recorded.
				return fail(codeNotFound, "zone: The user has no entry for this zone")
			}
			return userEntryReply(u, err, "update: Zone updated")
		}
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Zones = nil
			return nil
		})
		return userEntryReply(u, err, "update: Zones cleared")
	case http.MethodPost:
		grant, err := parseZoneGrant(map[string]any{"zone_name": c.params[1], "recurse": c.args["recurse"]})
		if err != nil {
			return accountFailure(err)
		}
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Zones = append(removeGrant(u.Zones, grant.ZoneName), grant)
			return nil
		})
		return userEntryReply(u, err, "add: Zone "+grant.ZoneName+" added")
	default:
		zone := normalizeName(c.params[1])
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Zones = removeGrant(u.Zones, zone)
			return nil
		})
		return userEntryReply(u, err, "delete: Zone "+zone+" removed")
	}
}

// userForbidEntry serves /REST/UserForbidEntry/<user>/[<permission>/].
func (s *Server) userForbidEntry(c *call) reply {
	user := c.params[0]
	switch c.method {
	case http.MethodPut:
		rules := []ForbidRule{}
		if v, present := c.args["forbid"]; present {
			var err error
			if rules, err = parseForbidRules(v); err != nil {
				return accountFailure(err)
			}
		}
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Forbid = rules
			return nil
		})
		return userEntryReply(u, err, "update: Forbid rules replaced")
	case http.MethodPost:
		rule := ForbidRule{Permission: c.params[1]}
		if v, present := c.args["zone"]; present {
			zones, err := parseZoneGrants(v)
			if err != nil {
				return accountFailure(err)
			}
			rule.Zones = zones
		}
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Forbid = append(u.Forbid, rule)
			return nil
		})
		return userEntryReply(u, err, "add: Forbid rule for "+rule.Permission+" added")
	default:
		perm := c.params[1]
		var zones []ZoneGrant
		if v, present := c.args["zone"]; present {
			var err error
			if zones, err = parseZoneGrants(v); err != nil {
				return accountFailure(err)
			}
		}
		u, err := s.accounts.UpdateUser(user, func(u *User) error {
			u.Forbid = removeForbid(u.Forbid, perm, zones)
			return nil
		})
		return userEntryReply(u, err, "delete: Forbid rule for "+perm+" removed")
	}
}

// removeForbid removes a permission's rule, or only the listed zones from it.
func removeForbid(rules []ForbidRule, perm string, zones []ZoneGrant) []ForbidRule {
	out := make([]ForbidRule, 0, len(rules))
	for _, r := range rules {
		if r.Permission != perm {
			out = append(out, r)
			continue
		}
		if len(zones) == 0 {
			continue
		}
		for _, z := range zones {
			r.Zones = removeGrant(r.Zones, normalizeName(z.ZoneName))
		}
		// A rule whose zones are all removed would forbid everywhere, so it goes.
		if len(r.Zones) > 0 {
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) userPermissionReport(c *call) reply {
	user := c.sess.user
	if other, named := c.args.str("user_name"); named && other != "" {
		user = other
	}
	rep, err := s.accounts.Report(user)
	if err != nil {
		return accountFailure(err)
	}
	return ok(reportData(rep), info("report: Permission report for "+user))
}

// checkPermissionReport reports which of the named permissions the
// session's user has, on zone_name when given.
func (s *Server) checkPermissionReport(c *call) reply {
	v, present := c.args["permission"]
	if !present {
		return fail(codeMissingData, "permission: This field is required")
	}
	names, err := parseStringList("permission", v)
	if err != nil {
		return accountFailure(err)
	}
	zone, _ := c.args.str("zone_name")
	zone = normalizeName(zone)

	var rep PermissionReport
	rep.AdminOverride = s.accounts.isAdmin(c.sess.user)
	for _, name := range names {
		switch s.accounts.check(c.sess.user, name, zone) {
		case decisionAllowed:
			rep.Allowed = append(rep.Allowed, ReportedPermission{Name: name, Reasons: []string{""}})
		default:
			rep.Forbidden = append(rep.Forbidden, ReportedPermission{Name: name, Reasons: []string{"permission not found"}})
		}
	}
	return ok(reportData(rep), info("report: Permission check"))
}

func (a *Accounts) isAdmin(user string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[userKey(user)]
	return ok && u.Admin
}

// changePassword changes the password of the session's user.
func (s *Server) changePassword(c *call) reply {
	pw, ok := c.args.str("password")
	if !ok || pw == "" {
		return fail(codeMissingData, "password: This field is required")
	}
	if _, err := s.accounts.UpdateUser(c.sess.user, func(u *User) error {
		u.Password = pw
		return nil
	}); err != nil {
		return accountFailure(err)
	}
	return okNoData("password: Password changed")
}

func okNoData(text string) reply { return ok(map[string]any{}, info(text)) }

// parseStringList reads a list of strings. A single string counts as a list of one.
func parseStringList(field string, v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return []string{}, nil
	case string:
		if x == "" {
			return []string{}, nil
		}
		return []string{x}, nil
	case []any:
		out := make([]string, 0, len(x))
		for i, item := range x {
			s, ok := item.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return nil, &FieldError{Field: field, Message: fmt.Sprintf("item %d must be a non-empty string", i)}
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, &FieldError{Field: field, Message: "Must be a list of strings"}
}

// parseZoneGrant reads {"zone_name": s, "recurse": "Y"|"N"}, or a bare zone
// name. recurse is "Y" when absent, and JSON booleans are taken too.
func parseZoneGrant(v any) (ZoneGrant, error) {
	switch x := v.(type) {
	case string:
		return checkGrant(ZoneGrant{ZoneName: x, Recurse: true})
	case map[string]any:
		name, _ := x["zone_name"].(string)
		g := ZoneGrant{ZoneName: name, Recurse: true}
		switch r := x["recurse"].(type) {
		case nil:
		case bool:
			g.Recurse = r
		case string:
			switch strings.ToUpper(strings.TrimSpace(r)) {
			case "Y", "YES", "TRUE", "":
			case "N", "NO", "FALSE":
				g.Recurse = false
			default:
				return ZoneGrant{}, &FieldError{Field: "recurse", Message: fmt.Sprintf("%q is not Y or N", r)}
			}
		default:
			return ZoneGrant{}, &FieldError{Field: "recurse", Message: "Must be Y or N"}
		}
		return checkGrant(g)
	}
	return ZoneGrant{}, &FieldError{Field: "zone", Message: "Each zone must be an object with zone_name and recurse"}
}

func checkGrant(g ZoneGrant) (ZoneGrant, error) {
	g.ZoneName = normalizeName(g.ZoneName)
	if g.ZoneName == "" {
		return ZoneGrant{}, &FieldError{Field: "zone_name", Message: "This field is required", Missing: true}
	}
	return g, nil
}

func parseZoneGrants(v any) ([]ZoneGrant, error) {
	switch x := v.(type) {
	case nil:
		return []ZoneGrant{}, nil
	case []any:
		out := make([]ZoneGrant, 0, len(x))
		for _, item := range x {
			g, err := parseZoneGrant(item)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		return out, nil
	}
	return nil, &FieldError{Field: "zone", Message: "Must be a list of objects with zone_name and recurse"}
}

// parseForbidRules reads [{"name": perm, "zone": [{zone_name, recurse}]}].
func parseForbidRules(v any) ([]ForbidRule, error) {
	list, ok := v.([]any)
	if v == nil {
		return []ForbidRule{}, nil
	}
	if !ok {
		return nil, &FieldError{Field: "forbid", Message: "Must be a list of objects with name and zone"}
	}
	out := make([]ForbidRule, 0, len(list))
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, &FieldError{Field: "forbid", Message: "Each rule must be an object with name and zone"}
		}
		name, _ := m["name"].(string)
		if name == "" {
			return nil, &FieldError{Field: "name", Message: "This field is required", Missing: true}
		}
		if err := checkPermissionNames([]string{name}); err != nil {
			return nil, err
		}
		zones, err := parseZoneGrants(m["zone"])
		if err != nil {
			return nil, err
		}
		out = append(out, ForbidRule{Permission: name, Zones: zones})
	}
	return out, nil
}

func remove(list []string, v string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		if s != v {
			out = append(out, s)
		}
	}
	return out
}

func removeGrant(grants []ZoneGrant, zone string) []ZoneGrant {
	out := make([]ZoneGrant, 0, len(grants))
	for _, g := range grants {
		if g.ZoneName != zone {
			out = append(out, g)
		}
	}
	return out
}

// accountsState renders the account objects for /__mock/state, without
// passwords: the users, groups and contacts, and the notifiers from Store.
func (s *Server) accountsState() map[string]any {
	a := s.accounts
	users := map[string]any{}
	for _, u := range a.Users() {
		data := userData(u)
		data["admin"] = u.Admin
		users[u.UserName] = data
	}
	groups := map[string]any{}
	for _, g := range a.Groups() {
		groups[g.Name] = groupData(g)
	}
	contacts := map[string]any{}
	for _, c := range a.Contacts() {
		contacts[c.Nickname] = contactData(c)
	}
	notifiers := map[string]any{}
	for _, n := range s.store.Notifiers() {
		notifiers[n.ID] = notifierData(n)
	}
	return map[string]any{"users": users, "groups": groups, "contacts": contacts, "notifiers": notifiers}
}

// ParseAccountSeed reads an AccountSeed from JSON, as dynmock's
// --accounts file holds it, and rejects unknown fields.
func ParseAccountSeed(raw []byte) (AccountSeed, error) {
	var seed AccountSeed
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&seed); err != nil {
		return AccountSeed{}, fmt.Errorf("invalid account seed: %w", err)
	}
	names := map[string]bool{}
	for i, u := range seed.Users {
		if u.UserName == "" || u.Password == "" {
			return AccountSeed{}, fmt.Errorf("invalid account seed: users[%d] needs user_name and password", i)
		}
		if names[userKey(u.UserName)] {
			return AccountSeed{}, fmt.Errorf("invalid account seed: user %q appears twice", u.UserName)
		}
		names[userKey(u.UserName)] = true
	}
	return seed, nil
}
