package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// UsersService manages account users (/REST/User), their own permission,
// group, zone and forbid entries (/REST/User*Entry), the permission
// reports, and the logged-in user's password (/REST/Password). Every call
// takes effect at once. None involves a zone publish.
type UsersService struct {
	c *Client
}

// User statuses.
const (
	UserStatusActive  = "active"
	UserStatusBlocked = "blocked"
)

// User is an account user as the API returns it. The API never returns the password.
type User struct {
	UserName     string `json:"user_name"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Organization string `json:"organization"`
	// Nickname names the contact that the API created with the user.
	Nickname    string `json:"nickname"`
	Address     string `json:"address"`
	Address2    string `json:"address_2"`
	City        string `json:"city"`
	Country     string `json:"country"`
	PostCode    string `json:"post_code"`
	Fax         string `json:"fax"`
	Website     string `json:"website"`
	NotifyEmail string `json:"notify_email"`
	PagerEmail  string `json:"pager_email"`
	// Status is UserStatusActive or UserStatusBlocked.
	Status string `json:"status"`
	// GroupNames are the permission groups the user belongs to.
	GroupNames []string `json:"group_name"`
	// Permissions, Zones and Forbid are the user's own grants, not those
	// of its groups.
	// NOTE: Dyn's docs do not list them among the fields of a user GET
	// (dyn-python reads them from UserPermissionReport instead). The mock
	// returns them, and they are empty when the API leaves them out.
	Permissions []string     `json:"permission"`
	Zones       []ZoneGrant  `json:"zone"`
	Forbid      []ForbidRule `json:"forbid"`
}

// UserCreateRequest is the body of POST /REST/User/<user_name>/. Every
// field without omitempty is required.
type UserCreateRequest struct {
	// UserName is the login name. It goes in the path.
	UserName     string `json:"-"`
	Password     string `json:"password"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Email        string `json:"email"`
	Organization string `json:"organization"`
	// Phone is free form: country code and local number, at least 8 digits in all.
	Phone string `json:"phone"`
	// Nickname names the contact the API creates with the user.
	Nickname    string       `json:"nickname"`
	Address     string       `json:"address,omitempty"`
	Address2    string       `json:"address_2,omitempty"`
	City        string       `json:"city,omitempty"`
	Country     string       `json:"country,omitempty"`
	PostCode    string       `json:"post_code,omitempty"`
	Fax         string       `json:"fax,omitempty"`
	Website     string       `json:"website,omitempty"`
	NotifyEmail string       `json:"notify_email,omitempty"`
	PagerEmail  string       `json:"pager_email,omitempty"`
	GroupNames  []string     `json:"group_name,omitempty"`
	Permissions []string     `json:"permission,omitempty"`
	Zones       []ZoneGrant  `json:"zone,omitempty"`
	Forbid      []ForbidRule `json:"forbid,omitempty"`
}

func (r UserCreateRequest) valid() error {
	if err := checkAccountName("user name", r.UserName); err != nil {
		return err
	}
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"password", r.Password}, {"first_name", r.FirstName}, {"last_name", r.LastName}, {"email", r.Email},
		{"organization", r.Organization}, {"phone", r.Phone}, {"nickname", r.Nickname},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("user %q: missing required fields: %s", r.UserName, strings.Join(missing, ", "))
	}
	return nil
}

// UserUpdateRequest is the body of a PUT /REST/User/<user_name>/ that
// changes fields. Nil fields stay as they are, and a pointer to "" clears
// an optional field.
type UserUpdateRequest struct {
	Password     *string `json:"password,omitempty"`
	FirstName    *string `json:"first_name,omitempty"`
	LastName     *string `json:"last_name,omitempty"`
	Email        *string `json:"email,omitempty"`
	Organization *string `json:"organization,omitempty"`
	Phone        *string `json:"phone,omitempty"`
	Nickname     *string `json:"nickname,omitempty"`
	Address      *string `json:"address,omitempty"`
	Address2     *string `json:"address_2,omitempty"`
	City         *string `json:"city,omitempty"`
	Country      *string `json:"country,omitempty"`
	PostCode     *string `json:"post_code,omitempty"`
	Fax          *string `json:"fax,omitempty"`
	Website      *string `json:"website,omitempty"`
	NotifyEmail  *string `json:"notify_email,omitempty"`
	PagerEmail   *string `json:"pager_email,omitempty"`
}

// Create creates a user. The API also creates a contact named after the
// user's nickname, and deleting the user leaves that contact in place.
func (u *UsersService) Create(ctx context.Context, req UserCreateRequest) (*User, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	var out User
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodPost, accountPath("User", req.UserName), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating user %q: %w", req.UserName, err)
	}
	return &out, nil
}

// Get returns a user. A missing user gives an error that matches ErrNotFound.
func (u *UsersService) Get(ctx context.Context, name string) (*User, error) {
	if err := checkAccountName("user name", name); err != nil {
		return nil, err
	}
	var out User
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodGet, accountPath("User", name), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading user %q: %w", name, err)
	}
	return &out, nil
}

// List returns every user of the account.
func (u *UsersService) List(ctx context.Context) ([]User, error) {
	var out []User
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodGet, "/REST/User/", url.Values{"detail": {"Y"}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing users: %w", err)
	}
	return out, nil
}

// Update changes the fields set in req. The password, when set, is sent
// and never logged.
func (u *UsersService) Update(ctx context.Context, name string, req UserUpdateRequest) (*User, error) {
	if err := checkAccountName("user name", name); err != nil {
		return nil, err
	}
	var out User
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodPut, accountPath("User", name), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("updating user %q: %w", name, err)
	}
	return &out, nil
}

// Block stops the user from logging in.
func (u *UsersService) Block(ctx context.Context, name string) (*User, error) {
	return u.setBlocked(ctx, name, map[string]string{"block": "True"}, "blocking")
}

// Unblock lets a blocked user log in again.
func (u *UsersService) Unblock(ctx context.Context, name string) (*User, error) {
	return u.setBlocked(ctx, name, map[string]string{"unblock": "True"}, "unblocking")
}

// setBlocked sends a block or unblock, which the API takes only as the
// sole argument of the PUT. dyn-python sends the string "True".
func (u *UsersService) setBlocked(ctx context.Context, name string, body map[string]string, verb string) (*User, error) {
	if err := checkAccountName("user name", name); err != nil {
		return nil, err
	}
	var out User
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodPut, accountPath("User", name), body, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("%s user %q: %w", verb, name, err)
	}
	return &out, nil
}

// Delete deletes a user. The contact created with it stays.
func (u *UsersService) Delete(ctx context.Context, name string) error {
	if err := checkAccountName("user name", name); err != nil {
		return err
	}
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodDelete, accountPath("User", name), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting user %q: %w", name, err)
	}
	return nil
}

// entry sends one call to a per-user entry resource and wraps its error.
func (u *UsersService) entry(ctx context.Context, method, resource, user, item string, body any, action string) error {
	if err := checkAccountName("user name", user); err != nil {
		return err
	}
	path := accountPath(resource, user)
	if item != "" {
		if err := checkAccountName("entry", item); err != nil {
			return err
		}
		path = accountPath(resource, user, item)
	}
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, method, path, body, nil)
	})
	if err != nil {
		return fmt.Errorf("%s of user %q: %w", action, user, err)
	}
	return nil
}

// SetPermissions replaces the user's own permissions. An empty list clears them.
func (u *UsersService) SetPermissions(ctx context.Context, user string, permissions []string) error {
	body := map[string][]string{"permission": nonNilStrings(permissions)}
	return u.entry(ctx, http.MethodPut, "UserPermissionEntry", user, "", body, "replacing the permissions")
}

// AddPermission grants the user one permission.
func (u *UsersService) AddPermission(ctx context.Context, user, permission string) error {
	return u.entry(ctx, http.MethodPost, "UserPermissionEntry", user, permission, nil, fmt.Sprintf("adding permission %q", permission))
}

// RemovePermission takes one of the user's own permissions away.
func (u *UsersService) RemovePermission(ctx context.Context, user, permission string) error {
	return u.entry(ctx, http.MethodDelete, "UserPermissionEntry", user, permission, nil, fmt.Sprintf("removing permission %q", permission))
}

// SetGroups makes the user a member of exactly these permission groups.
// The list goes under "group", the key Dyn's docs name, although dyn-python
// sends "groups".
func (u *UsersService) SetGroups(ctx context.Context, user string, groups []string) error {
	body := map[string][]string{"group": nonNilStrings(groups)}
	return u.entry(ctx, http.MethodPut, "UserGroupEntry", user, "", body, "replacing the permission groups")
}

// AddGroup adds the user to a permission group.
func (u *UsersService) AddGroup(ctx context.Context, user, group string) error {
	return u.entry(ctx, http.MethodPost, "UserGroupEntry", user, group, nil, fmt.Sprintf("adding permission group %q", group))
}

// RemoveGroup removes the user from a permission group.
func (u *UsersService) RemoveGroup(ctx context.Context, user, group string) error {
	return u.entry(ctx, http.MethodDelete, "UserGroupEntry", user, group, nil, fmt.Sprintf("removing permission group %q", group))
}

// SetZones replaces the zones on which the user's own permissions apply.
// An empty list clears them, so that the permissions apply on every zone.
func (u *UsersService) SetZones(ctx context.Context, user string, zones []ZoneGrant) error {
	body := map[string][]ZoneGrant{"zone": nonNilGrants(zones)}
	return u.entry(ctx, http.MethodPut, "UserZoneEntry", user, "", body, "replacing the zones")
}

// AddZone adds one zone to the user's zone list.
func (u *UsersService) AddZone(ctx context.Context, user string, zone ZoneGrant) error {
	body := map[string]Flag{"recurse": Flag(zone.Recurse)}
	return u.entry(ctx, http.MethodPost, "UserZoneEntry", user, pathName(zone.ZoneName), body, fmt.Sprintf("adding zone %q", pathName(zone.ZoneName)))
}

// RemoveZone removes one zone from the user's zone list.
func (u *UsersService) RemoveZone(ctx context.Context, user, zone string) error {
	return u.entry(ctx, http.MethodDelete, "UserZoneEntry", user, pathName(zone), nil, fmt.Sprintf("removing zone %q", pathName(zone)))
}

// SetForbids replaces the user's forbid rules. An empty list clears them.
func (u *UsersService) SetForbids(ctx context.Context, user string, rules []ForbidRule) error {
	if rules == nil {
		rules = []ForbidRule{}
	}
	body := map[string][]ForbidRule{"forbid": rules}
	return u.entry(ctx, http.MethodPut, "UserForbidEntry", user, "", body, "replacing the forbid rules")
}

// AddForbid adds a forbid rule, which takes rule.Permission away on
// rule.Zones, or everywhere when it lists none.
func (u *UsersService) AddForbid(ctx context.Context, user string, rule ForbidRule) error {
	var body any
	if len(rule.Zones) > 0 {
		body = map[string][]ZoneGrant{"zone": rule.Zones}
	}
	return u.entry(ctx, http.MethodPost, "UserForbidEntry", user, rule.Permission, body, fmt.Sprintf("adding a forbid rule for %q", rule.Permission))
}

// RemoveForbid removes the forbid rule of a permission, or only the given
// zones from it.
func (u *UsersService) RemoveForbid(ctx context.Context, user, permission string, zones []ZoneGrant) error {
	var body any
	if len(zones) > 0 {
		body = map[string][]ZoneGrant{"zone": zones}
	}
	return u.entry(ctx, http.MethodDelete, "UserForbidEntry", user, permission, body, fmt.Sprintf("removing the forbid rule for %q", permission))
}

// PermissionReport is a user's effective permissions: its own and those
// of its groups, less its forbid rules.
type PermissionReport struct {
	Allowed   []ReportedPermission `json:"allowed"`
	Forbidden []ReportedPermission `json:"forbidden"`
	// AdminOverride is true for an account administrator, who holds every permission.
	AdminOverride Flag `json:"admin_override"`
}

// ReportedPermission is one permission of a report. Zones is empty when
// it applies on every zone.
type ReportedPermission struct {
	Name  string         `json:"name"`
	Zones []ReportedZone `json:"zone"`
	// Reasons name the permission groups the permission comes from, and ""
	// stands for a grant of the user's own.
	Reasons []string `json:"reason"`
}

// ReportedZone is one zone of a reported permission.
type ReportedZone struct {
	ZoneName string   `json:"zone_name"`
	Recurse  Flag     `json:"recurse"`
	Reasons  []string `json:"reason"`
}

// PermissionReport returns a user's effective permissions
// (POST /REST/UserPermissionReport/). An empty user name reports on the
// logged-in user.
func (u *UsersService) PermissionReport(ctx context.Context, user string) (*PermissionReport, error) {
	var body any
	if user != "" {
		body = map[string]string{"user_name": user}
	}
	var out PermissionReport
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodPost, "/REST/UserPermissionReport/", body, &out)
	})
	if err != nil {
		who := "the logged-in user"
		if user != "" {
			who = fmt.Sprintf("user %q", user)
		}
		return nil, fmt.Errorf("reading the permission report of %s: %w", who, err)
	}
	return &out, nil
}

// CheckPermissions reports which of the named permissions the logged-in
// user holds (POST /REST/CheckPermissionReport/), on zone when it is not "".
func (u *UsersService) CheckPermissions(ctx context.Context, permissions []string, zone string) (*PermissionReport, error) {
	if len(permissions) == 0 {
		return nil, fmt.Errorf("checking permissions: name at least one permission")
	}
	body := map[string]any{"permission": permissions}
	if zone != "" {
		body["zone_name"] = pathName(zone)
	}
	var out PermissionReport
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodPost, "/REST/CheckPermissionReport/", body, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("checking permissions %s: %w", strings.Join(permissions, ", "), err)
	}
	return &out, nil
}

// ChangeOwnPassword changes the logged-in user's password (PUT /REST/Password/).
// Sessions already open stay open, but the client's configured password
// no longer works for new logins, so make a new Client afterwards.
func (u *UsersService) ChangeOwnPassword(ctx context.Context, password string) error {
	if password == "" {
		return fmt.Errorf("changing the password: the new password is empty")
	}
	err := u.c.withSession(ctx, func(s *session) error {
		return u.c.call(ctx, s, http.MethodPut, "/REST/Password/", map[string]string{"password": password}, nil)
	})
	if err != nil {
		return fmt.Errorf("changing the password of user %q: %w", u.c.cfg.Username, err)
	}
	return nil
}
