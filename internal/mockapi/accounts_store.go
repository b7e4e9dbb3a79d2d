package mockapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Errors returned by Accounts. The HTTP layer maps each to Dyn's error envelope.
var (
	ErrUserExists         = errors.New("user already exists")
	ErrUserNotFound       = errors.New("user not found")
	ErrUserBlocked        = errors.New("user is blocked")
	ErrGroupExists        = errors.New("permission group already exists")
	ErrGroupNotFound      = errors.New("permission group not found")
	ErrContactExists      = errors.New("contact already exists")
	ErrContactNotFound    = errors.New("contact not found")
	errWrongPassword      = errors.New("wrong password")
	errDeleteLoggedInUser = errors.New("a user cannot delete itself")
)

// FieldError reports an invalid or missing field of an account object.
// Missing selects ERR_CD MISSING_DATA over INVALID_DATA.
type FieldError struct {
	Field   string
	Message string
	Missing bool
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// User statuses.
const (
	StatusActive  = "active"
	StatusBlocked = "blocked"
)

// Permission group types. Every new user joins the groups of type default.
const (
	GroupTypePlain   = "plain"
	GroupTypeDefault = "default"
)

// ZoneGrant is one zone or node on which permissions apply (or are
// forbidden). Recurse extends it to every name below ZoneName.
type ZoneGrant struct {
	ZoneName string `json:"zone_name"`
	Recurse  bool   `json:"recurse"`
}

// MarshalJSON writes recurse as "Y" or "N", as the API does.
func (g ZoneGrant) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"zone_name": g.ZoneName, "recurse": yesNo(g.Recurse)})
}

// UnmarshalJSON reads recurse as "Y"/"N" or a JSON boolean. A missing recurse is "Y".
func (g *ZoneGrant) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	parsed, err := parseZoneGrant(raw)
	if err != nil {
		return err
	}
	*g = parsed
	return nil
}

// ForbidRule forbids one permission, on the listed zones or, when Zones is
// empty, everywhere.
type ForbidRule struct {
	Permission string      `json:"name"`
	Zones      []ZoneGrant `json:"zone"`
}

// User is an account user. Password is never rendered by the API. Groups
// is derived from the groups' member lists when read, and joins those
// groups when the user is created. Admin users have every permission, as
// an account's owner does.
type User struct {
	UserName     string `json:"user_name"`
	Password     string `json:"password,omitempty"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Organization string `json:"organization"`
	Nickname     string `json:"nickname"`
	Address      string `json:"address"`
	Address2     string `json:"address_2"`
	City         string `json:"city"`
	Country      string `json:"country"`
	PostCode     string `json:"post_code"`
	Fax          string `json:"fax"`
	Website      string `json:"website"`
	NotifyEmail  string `json:"notify_email"`
	PagerEmail   string `json:"pager_email"`
	Status       string `json:"status"`

	Groups      []string     `json:"group_name"`
	Permissions []string     `json:"permission"`
	Zones       []ZoneGrant  `json:"zone"`
	Forbid      []ForbidRule `json:"forbid"`
	Admin       bool         `json:"admin,omitempty"`
}

func (u User) clone() User {
	u.Groups = slices.Clone(u.Groups)
	u.Permissions = slices.Clone(u.Permissions)
	u.Zones = slices.Clone(u.Zones)
	u.Forbid = cloneForbid(u.Forbid)
	return u
}

func cloneForbid(rules []ForbidRule) []ForbidRule {
	out := make([]ForbidRule, len(rules))
	for i, r := range rules {
		out[i] = ForbidRule{Permission: r.Permission, Zones: slices.Clone(r.Zones)}
	}
	return out
}

// PermissionGroup is a named set of permissions that applies to its
// member users and to the users of its member groups (Subgroups), on its
// Zones or, when Zones is empty, on every zone.
type PermissionGroup struct {
	Name        string      `json:"group_name"`
	Description string      `json:"description"`
	Type        string      `json:"type"`
	Permissions []string    `json:"permission"`
	Users       []string    `json:"user_name"`
	Subgroups   []string    `json:"subgroup"`
	Zones       []ZoneGrant `json:"zone"`
}

func (g PermissionGroup) clone() PermissionGroup {
	g.Permissions = slices.Clone(g.Permissions)
	g.Users = slices.Clone(g.Users)
	g.Subgroups = slices.Clone(g.Subgroups)
	g.Zones = slices.Clone(g.Zones)
	return g
}

// Contact is an account contact, which GSLB, RTTM, Failover and notifiers refer to by nickname.
type Contact struct {
	Nickname     string `json:"nickname"`
	Email        string `json:"email"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Organization string `json:"organization"`
	Address      string `json:"address"`
	Address2     string `json:"address_2"`
	City         string `json:"city"`
	State        string `json:"state"`
	PostCode     string `json:"post_code"`
	Country      string `json:"country"`
	Phone        string `json:"phone"`
	Fax          string `json:"fax"`
	NotifyEmail  string `json:"notify_email"`
	PagerEmail   string `json:"pager_email"`
	Website      string `json:"website"`
}

// AccountSeed lists the users and permission groups a Server starts with,
// besides the admin user of Options. /__mock/reset restores them. Groups
// are created first, so users may name them in group_name.
type AccountSeed struct {
	Groups []PermissionGroup `json:"groups"`
	Users  []User            `json:"users"`
}

// Accounts is the mock's account state: users, permission groups and
// contacts. It is safe for concurrent use and copies values in and out.
// The account's notifiers live in Store, next to the Traffic Director
// services they link.
type Accounts struct {
	mu       sync.Mutex
	users    map[string]*User // by lower-case user name
	groups   map[string]*PermissionGroup
	contacts map[string]*Contact
}

func newAccounts() *Accounts {
	a := &Accounts{}
	a.clear()
	return a
}

func (a *Accounts) clear() {
	a.users = map[string]*User{}
	a.groups = map[string]*PermissionGroup{}
	a.contacts = map[string]*Contact{}
}

// reset drops every account object and creates the admin user and the seed.
func (a *Accounts) reset(admin User, seed AccountSeed) error {
	a.mu.Lock()
	a.clear()
	a.mu.Unlock()

	admin.Admin = true
	if _, err := a.CreateUser(admin); err != nil {
		return fmt.Errorf("creating admin user %q: %w", admin.UserName, err)
	}
	// Groups may name users and each other in any order, so their member
	// lists are filled in once every group and user exists.
	for _, g := range seed.Groups {
		bare := g.clone()
		bare.Users, bare.Subgroups = nil, nil
		if _, err := a.CreateGroup(bare, false); err != nil {
			return fmt.Errorf("seeding permission group %q: %w", g.Name, err)
		}
	}
	for _, u := range seed.Users {
		if _, err := a.CreateUser(u); err != nil {
			return fmt.Errorf("seeding user %q: %w", u.UserName, err)
		}
	}
	for _, g := range seed.Groups {
		current, err := a.Group(g.Name)
		if err != nil {
			return err
		}
		users := append(current.Users, g.Users...)
		subgroups := slices.Clone(g.Subgroups)
		if _, err := a.UpdateGroup(g.Name, GroupUpdate{Users: &users, Subgroups: &subgroups}); err != nil {
			return fmt.Errorf("seeding permission group %q: %w", g.Name, err)
		}
	}
	return nil
}

func userKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// CreateUser adds a user and, as Dyn does, a contact named after its
// nickname. It fills defaults for fields a seed leaves out. The API handler
// checks required fields before it gets here.
func (a *Accounts) CreateUser(u User) (User, error) {
	u = u.clone()
	if u.UserName == "" {
		return User{}, &FieldError{Field: "user_name", Message: "This field is required", Missing: true}
	}
	if u.Status == "" {
		u.Status = StatusActive
	}
	if u.Status != StatusActive && u.Status != StatusBlocked {
		return User{}, &FieldError{Field: "status", Message: fmt.Sprintf("%q is not active or blocked", u.Status)}
	}
	if u.Nickname == "" {
		u.Nickname = u.UserName
	}
	if err := checkPermissionNames(u.Permissions); err != nil {
		return User{}, err
	}
	for _, r := range u.Forbid {
		if err := checkPermissionNames([]string{r.Permission}); err != nil {
			return User{}, err
		}
	}
	u.Zones = normalizeGrants(u.Zones)
	u.Forbid = normalizeForbid(u.Forbid)
	u.Permissions = uniqueSorted(u.Permissions)

	a.mu.Lock()
	defer a.mu.Unlock()
	key := userKey(u.UserName)
	if _, exists := a.users[key]; exists {
		return User{}, ErrUserExists
	}
	for _, g := range u.Groups {
		if _, ok := a.groups[g]; !ok {
			return User{}, fmt.Errorf("group %q: %w", g, ErrGroupNotFound)
		}
	}
	groups := slices.Clone(u.Groups)
	for name, g := range a.groups {
		if g.Type == GroupTypeDefault && !slices.Contains(groups, name) {
			groups = append(groups, name)
		}
	}
	for _, g := range groups {
		grp := a.groups[g]
		if !slices.Contains(grp.Users, u.UserName) {
			grp.Users = uniqueSorted(append(grp.Users, u.UserName))
		}
	}
	// deviation: whether Dyn reuses an existing contact with the same
	// nickname or rejects the user is not recorded. The mock reuses it.
	if _, exists := a.contacts[u.Nickname]; !exists {
		a.contacts[u.Nickname] = &Contact{
			Nickname: u.Nickname, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
			Organization: u.Organization, Phone: u.Phone, Address: u.Address, Address2: u.Address2,
			City: u.City, Country: u.Country, PostCode: u.PostCode, Fax: u.Fax, Website: u.Website,
			NotifyEmail: u.NotifyEmail, PagerEmail: u.PagerEmail,
		}
	}
	u.Groups = nil
	stored := u.clone()
	a.users[key] = &stored
	return a.userLocked(&stored), nil
}

// userLocked returns a copy of u with Groups filled from the groups' member lists.
func (a *Accounts) userLocked(u *User) User {
	out := u.clone()
	out.Groups = nil
	for name, g := range a.groups {
		if slices.Contains(g.Users, u.UserName) {
			out.Groups = append(out.Groups, name)
		}
	}
	sort.Strings(out.Groups)
	return out
}

// User returns one user.
func (a *Accounts) User(name string) (User, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[userKey(name)]
	if !ok {
		return User{}, ErrUserNotFound
	}
	return a.userLocked(u), nil
}

// Users returns every user, sorted by name.
func (a *Accounts) Users() []User {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]User, 0, len(a.users))
	for _, u := range a.users {
		out = append(out, a.userLocked(u))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UserName < out[j].UserName })
	return out
}

// UpdateUser changes a user through fn, which may return an error to
// leave the user as it was.
func (a *Accounts) UpdateUser(name string, fn func(*User) error) (User, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[userKey(name)]
	if !ok {
		return User{}, ErrUserNotFound
	}
	changed := u.clone()
	if err := fn(&changed); err != nil {
		return User{}, err
	}
	if err := checkPermissionNames(changed.Permissions); err != nil {
		return User{}, err
	}
	for _, r := range changed.Forbid {
		if err := checkPermissionNames([]string{r.Permission}); err != nil {
			return User{}, err
		}
	}
	changed.Permissions = uniqueSorted(changed.Permissions)
	changed.Zones = normalizeGrants(changed.Zones)
	changed.Forbid = normalizeForbid(changed.Forbid)
	changed.UserName = u.UserName
	*u = changed
	return a.userLocked(u), nil
}

// SetUserGroups makes the user a member of exactly the given groups.
func (a *Accounts) SetUserGroups(name string, groups []string) (User, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[userKey(name)]
	if !ok {
		return User{}, ErrUserNotFound
	}
	for _, g := range groups {
		if _, ok := a.groups[g]; !ok {
			return User{}, fmt.Errorf("group %q: %w", g, ErrGroupNotFound)
		}
	}
	for gname, g := range a.groups {
		member := slices.Contains(g.Users, u.UserName)
		want := slices.Contains(groups, gname)
		switch {
		case want && !member:
			g.Users = uniqueSorted(append(g.Users, u.UserName))
		case !want && member:
			g.Users = slices.DeleteFunc(g.Users, func(s string) bool { return s == u.UserName })
		}
	}
	return a.userLocked(u), nil
}

// DeleteUser removes a user and its group memberships. The contact created
// with it stays, as Dyn leaves it.
func (a *Accounts) DeleteUser(name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	key := userKey(name)
	u, ok := a.users[key]
	if !ok {
		return ErrUserNotFound
	}
	for _, g := range a.groups {
		g.Users = slices.DeleteFunc(g.Users, func(s string) bool { return s == u.UserName })
	}
	delete(a.users, key)
	return nil
}

// authenticate returns the user that the login names when the password
// matches and the user is active.
func (a *Accounts) authenticate(name, password string) (User, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[userKey(name)]
	if !ok {
		return User{}, ErrUserNotFound
	}
	if !equalSecret(password, u.Password) {
		return User{}, errWrongPassword
	}
	if u.Status == StatusBlocked {
		return User{}, ErrUserBlocked
	}
	return u.clone(), nil
}

// CreateGroup adds a permission group. With allUsers, or with type
// default and no member list, every current user joins it.
func (a *Accounts) CreateGroup(g PermissionGroup, allUsers bool) (PermissionGroup, error) {
	g = g.clone()
	if g.Type == "" {
		g.Type = GroupTypePlain
	}
	if err := checkGroup(&g); err != nil {
		return PermissionGroup{}, err
	}

	a.mu.Lock()
	defer a.mu.Unlock()
	if _, exists := a.groups[g.Name]; exists {
		return PermissionGroup{}, ErrGroupExists
	}
	if err := a.checkMembersLocked(g.Name, g.Users, g.Subgroups); err != nil {
		return PermissionGroup{}, err
	}
	if allUsers || (g.Type == GroupTypeDefault && len(g.Users) == 0) {
		g.Users = a.allUserNamesLocked()
	}
	g.Users = a.canonicalUserNamesLocked(g.Users)
	stored := g.clone()
	a.groups[g.Name] = &stored
	return stored.clone(), nil
}

// checkGroup checks and normalises a group's own fields.
func checkGroup(g *PermissionGroup) error {
	if g.Name == "" {
		return &FieldError{Field: "group_name", Message: "This field is required", Missing: true}
	}
	if g.Type != GroupTypePlain && g.Type != GroupTypeDefault {
		return &FieldError{Field: "type", Message: fmt.Sprintf("%q is not plain or default", g.Type)}
	}
	if err := checkPermissionNames(g.Permissions); err != nil {
		return err
	}
	g.Permissions = uniqueSorted(g.Permissions)
	g.Subgroups = uniqueSorted(g.Subgroups)
	g.Zones = normalizeGrants(g.Zones)
	return nil
}

// checkMembersLocked checks that member users and subgroups exist and that
// the group does not contain itself.
func (a *Accounts) checkMembersLocked(group string, users, subgroups []string) error {
	for _, u := range users {
		if _, ok := a.users[userKey(u)]; !ok {
			return fmt.Errorf("user %q: %w", u, ErrUserNotFound)
		}
	}
	for _, sg := range subgroups {
		if sg == group {
			// deviation: Dyn's handling of a group listed as its own subgroup is not recorded.
			return &FieldError{Field: "subgroup", Message: fmt.Sprintf("group %q cannot be its own subgroup", group)}
		}
		if _, ok := a.groups[sg]; !ok {
			return fmt.Errorf("subgroup %q: %w", sg, ErrGroupNotFound)
		}
	}
	return nil
}

func (a *Accounts) allUserNamesLocked() []string {
	names := make([]string, 0, len(a.users))
	for _, u := range a.users {
		names = append(names, u.UserName)
	}
	sort.Strings(names)
	return names
}

// canonicalUserNamesLocked spells each user name as the user was created.
func (a *Accounts) canonicalUserNamesLocked(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if u, ok := a.users[userKey(n)]; ok {
			out = append(out, u.UserName)
		}
	}
	return uniqueSorted(out)
}

// Group returns one permission group.
func (a *Accounts) Group(name string) (PermissionGroup, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	g, ok := a.groups[name]
	if !ok {
		return PermissionGroup{}, ErrGroupNotFound
	}
	return g.clone(), nil
}

// Groups returns every permission group, sorted by name.
func (a *Accounts) Groups() []PermissionGroup {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]PermissionGroup, 0, len(a.groups))
	for _, g := range a.groups {
		out = append(out, g.clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// GroupUpdate holds the changes to a permission group. Nil fields stay as they are.
type GroupUpdate struct {
	NewName     *string
	Description *string
	Type        *string
	AllUsers    bool
	Permissions *[]string
	Users       *[]string
	Subgroups   *[]string
	Zones       *[]ZoneGrant
}

// UpdateGroup applies u to a group. A rename carries the group's place in
// other groups' subgroup lists along.
func (a *Accounts) UpdateGroup(name string, u GroupUpdate) (PermissionGroup, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	g, ok := a.groups[name]
	if !ok {
		return PermissionGroup{}, ErrGroupNotFound
	}
	changed := g.clone()
	if u.NewName != nil {
		changed.Name = *u.NewName
	}
	if u.Description != nil {
		changed.Description = *u.Description
	}
	if u.Type != nil {
		changed.Type = *u.Type
	}
	if u.Permissions != nil {
		changed.Permissions = slices.Clone(*u.Permissions)
	}
	if u.Subgroups != nil {
		changed.Subgroups = slices.Clone(*u.Subgroups)
	}
	if u.Zones != nil {
		changed.Zones = slices.Clone(*u.Zones)
	}
	if u.Users != nil {
		changed.Users = slices.Clone(*u.Users)
	}
	if u.AllUsers {
		changed.Users = a.allUserNamesLocked()
	}
	if err := checkGroup(&changed); err != nil {
		return PermissionGroup{}, err
	}
	if changed.Name != name {
		if _, exists := a.groups[changed.Name]; exists {
			return PermissionGroup{}, ErrGroupExists
		}
	}
	if err := a.checkMembersLocked(name, changed.Users, changed.Subgroups); err != nil {
		return PermissionGroup{}, err
	}
	changed.Users = a.canonicalUserNamesLocked(changed.Users)

	if changed.Name != name {
		delete(a.groups, name)
		for _, other := range a.groups {
			for i, sg := range other.Subgroups {
				if sg == name {
					other.Subgroups[i] = changed.Name
				}
			}
			other.Subgroups = uniqueSorted(other.Subgroups)
		}
	}
	a.groups[changed.Name] = &changed
	return changed.clone(), nil
}

// DeleteGroup removes a permission group and its place in other groups' subgroup lists.
func (a *Accounts) DeleteGroup(name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.groups[name]; !ok {
		return ErrGroupNotFound
	}
	delete(a.groups, name)
	for _, other := range a.groups {
		other.Subgroups = slices.DeleteFunc(other.Subgroups, func(s string) bool { return s == name })
	}
	return nil
}

// CreateContact adds a contact.
func (a *Accounts) CreateContact(c Contact) (Contact, error) {
	if c.Nickname == "" {
		return Contact{}, &FieldError{Field: "nickname", Message: "This field is required", Missing: true}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, exists := a.contacts[c.Nickname]; exists {
		return Contact{}, ErrContactExists
	}
	stored := c
	a.contacts[c.Nickname] = &stored
	return stored, nil
}

// Contact returns one contact.
func (a *Accounts) Contact(nickname string) (Contact, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.contacts[nickname]
	if !ok {
		return Contact{}, ErrContactNotFound
	}
	return *c, nil
}

// Contacts returns every contact, sorted by nickname.
func (a *Accounts) Contacts() []Contact {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]Contact, 0, len(a.contacts))
	for _, c := range a.contacts {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Nickname < out[j].Nickname })
	return out
}

// UpdateContact changes a contact through fn. A changed Nickname renames it.
func (a *Accounts) UpdateContact(nickname string, fn func(*Contact) error) (Contact, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.contacts[nickname]
	if !ok {
		return Contact{}, ErrContactNotFound
	}
	changed := *c
	if err := fn(&changed); err != nil {
		return Contact{}, err
	}
	if changed.Nickname == "" {
		return Contact{}, &FieldError{Field: "new_nickname", Message: "The nickname cannot be empty"}
	}
	if changed.Nickname != nickname {
		if _, exists := a.contacts[changed.Nickname]; exists {
			return Contact{}, ErrContactExists
		}
		delete(a.contacts, nickname)
	}
	a.contacts[changed.Nickname] = &changed
	return changed, nil
}

// DeleteContact removes a contact.
func (a *Accounts) DeleteContact(nickname string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.contacts[nickname]; !ok {
		return ErrContactNotFound
	}
	delete(a.contacts, nickname)
	return nil
}

// contactExists reports whether a contact has the nickname.
func (a *Accounts) contactExists(nickname string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, ok := a.contacts[nickname]
	return ok
}

func uniqueSorted(values []string) []string {
	out := slices.Clone(values)
	sort.Strings(out)
	return slices.Compact(out)
}

// normalizeGrants lower-cases zone names, drops trailing dots and
// duplicates, and sorts the grants by zone name.
func normalizeGrants(grants []ZoneGrant) []ZoneGrant {
	byName := map[string]ZoneGrant{}
	for _, g := range grants {
		g.ZoneName = normalizeName(g.ZoneName)
		byName[g.ZoneName] = g
	}
	out := make([]ZoneGrant, 0, len(byName))
	for _, g := range byName {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ZoneName < out[j].ZoneName })
	return out
}

// normalizeForbid merges the rules of one permission and sorts them.
func normalizeForbid(rules []ForbidRule) []ForbidRule {
	byName := map[string][]ZoneGrant{}
	everywhere := map[string]bool{}
	for _, r := range rules {
		if len(r.Zones) == 0 {
			everywhere[r.Permission] = true
		}
		byName[r.Permission] = append(byName[r.Permission], r.Zones...)
	}
	out := make([]ForbidRule, 0, len(byName))
	for name, zones := range byName {
		rule := ForbidRule{Permission: name, Zones: normalizeGrants(zones)}
		if everywhere[name] {
			rule.Zones = nil
		}
		out = append(out, rule)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Permission < out[j].Permission })
	return out
}

// checkPermissionNames accepts any CamelCase name, because Dyn's full list
// of permission names is not recorded.
func checkPermissionNames(names []string) error {
	for _, n := range names {
		if !isCamelCase(n) {
			// deviation: Dyn's error for an unknown permission name is not recorded.
			return &FieldError{Field: "permission", Message: fmt.Sprintf("%q is not a permission name; names are CamelCase, such as RecordAdd", n)}
		}
	}
	return nil
}

func isCamelCase(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Accounts returns the server's users, permission groups and contacts, for
// seeding and inspection in tests. Store holds the notifiers.
func (s *Server) Accounts() *Accounts { return s.accounts }

// resetAccounts restores the admin user of Options and the account seed.
func (s *Server) resetAccounts() error {
	admin := User{
		UserName: s.opts.Username, Password: s.opts.Password, FirstName: s.opts.Username, LastName: "Admin",
		Email: s.opts.Username + "@example.com", Phone: "1 555 0100 000", Organization: s.opts.Customer,
		Nickname: s.opts.Username,
	}
	return s.accounts.reset(admin, s.opts.Accounts)
}
