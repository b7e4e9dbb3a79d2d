package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// PermissionGroupsService manages permission groups (/REST/PermissionGroup)
// and their permission, zone, subgroup and user entries. Every call takes
// effect at once.
type PermissionGroupsService struct {
	c *Client
}

// PermissionGroupTypes lists the group types, the default first: a plain
// group has the members it is given, and every new user joins a default group.
var PermissionGroupTypes = []string{"plain", "default"}

// PermissionGroup is a permission group as the API returns it.
type PermissionGroup struct {
	Name        string `json:"group_name"`
	Description string `json:"description"`
	// Type is one of PermissionGroupTypes.
	Type        string   `json:"type"`
	Permissions []string `json:"permission"`
	// UserNames are the member users.
	UserNames []string `json:"user_name"`
	// Subgroups are the member groups, whose users get this group's permissions too.
	Subgroups []string `json:"subgroup"`
	// Zones limit where the group's permissions apply. Empty means every zone.
	Zones []ZoneGrant `json:"zone"`
}

// PermissionGroupCreateRequest is the body of POST /REST/PermissionGroup/<group>/.
type PermissionGroupCreateRequest struct {
	// Name goes in the path.
	Name        string `json:"-"`
	Description string `json:"description"`
	Type        string `json:"type,omitempty"`
	// AllUsers adds every current user. The API rejects it together with UserNames.
	AllUsers    Flag        `json:"all_users,omitempty"`
	Permissions []string    `json:"permission,omitempty"`
	UserNames   []string    `json:"user_name,omitempty"`
	Subgroups   []string    `json:"subgroup,omitempty"`
	Zones       []ZoneGrant `json:"zone,omitempty"`
}

func (r PermissionGroupCreateRequest) valid() error {
	if err := checkAccountName("permission group name", r.Name); err != nil {
		return err
	}
	if strings.TrimSpace(r.Description) == "" {
		return fmt.Errorf("permission group %q: the description is required", r.Name)
	}
	if r.Type != "" && !slices.Contains(PermissionGroupTypes, r.Type) {
		return fmt.Errorf("permission group %q: type %q is not one of %s", r.Name, r.Type, strings.Join(PermissionGroupTypes, ", "))
	}
	if r.AllUsers && len(r.UserNames) > 0 {
		return fmt.Errorf("permission group %q: set all_users or user names, not both", r.Name)
	}
	return nil
}

// PermissionGroupUpdateRequest holds the changes of a PUT
// /REST/PermissionGroup/<group>/. Nil fields stay as they are. A list
// replaces the stored list.
type PermissionGroupUpdateRequest struct {
	// NewName renames the group.
	NewName     *string
	Description *string
	Type        *string
	// AllUsers adds every current user. The API rejects it together with UserNames.
	AllUsers    bool
	Permissions *[]string
	UserNames   *[]string
	Subgroups   *[]string
	Zones       *[]ZoneGrant
}

// groupUpdateWire is the PUT body. dyn-python sends group_name with every
// change, and Dyn's docs call it required.
type groupUpdateWire struct {
	Name        string       `json:"group_name"`
	NewName     *string      `json:"new_group_name,omitempty"`
	Description *string      `json:"description,omitempty"`
	Type        *string      `json:"type,omitempty"`
	AllUsers    Flag         `json:"all_users,omitempty"`
	Permissions *[]string    `json:"permission,omitempty"`
	UserNames   *[]string    `json:"user_name,omitempty"`
	Subgroups   *[]string    `json:"subgroup,omitempty"`
	Zones       *[]ZoneGrant `json:"zone,omitempty"`
}

func (r PermissionGroupUpdateRequest) wire(name string) (groupUpdateWire, error) {
	if r.NewName != nil {
		if err := checkAccountName("new permission group name", *r.NewName); err != nil {
			return groupUpdateWire{}, err
		}
	}
	if r.Type != nil && !slices.Contains(PermissionGroupTypes, *r.Type) {
		return groupUpdateWire{}, fmt.Errorf("permission group %q: type %q is not one of %s", name, *r.Type, strings.Join(PermissionGroupTypes, ", "))
	}
	if r.AllUsers && r.UserNames != nil {
		return groupUpdateWire{}, fmt.Errorf("permission group %q: set all_users or user names, not both", name)
	}
	w := groupUpdateWire{
		Name: name, NewName: r.NewName, Description: r.Description, Type: r.Type, AllUsers: Flag(r.AllUsers),
	}
	// A replacing list goes out as [] rather than null.
	for _, pair := range []struct{ in, out **[]string }{
		{&r.Permissions, &w.Permissions}, {&r.UserNames, &w.UserNames}, {&r.Subgroups, &w.Subgroups},
	} {
		if *pair.in != nil {
			list := nonNilStrings(**pair.in)
			*pair.out = &list
		}
	}
	if r.Zones != nil {
		zones := nonNilGrants(*r.Zones)
		w.Zones = &zones
	}
	return w, nil
}

// Create creates a permission group.
func (g *PermissionGroupsService) Create(ctx context.Context, req PermissionGroupCreateRequest) (*PermissionGroup, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	var out PermissionGroup
	err := g.c.withSession(ctx, func(s *session) error {
		return g.c.call(ctx, s, http.MethodPost, accountPath("PermissionGroup", req.Name), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating permission group %q: %w", req.Name, err)
	}
	return &out, nil
}

// Get returns a permission group. A missing group gives an error that matches ErrNotFound.
func (g *PermissionGroupsService) Get(ctx context.Context, name string) (*PermissionGroup, error) {
	if err := checkAccountName("permission group name", name); err != nil {
		return nil, err
	}
	var out PermissionGroup
	err := g.c.withSession(ctx, func(s *session) error {
		return g.c.call(ctx, s, http.MethodGet, accountPath("PermissionGroup", name), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading permission group %q: %w", name, err)
	}
	return &out, nil
}

// List returns every permission group of the account.
func (g *PermissionGroupsService) List(ctx context.Context) ([]PermissionGroup, error) {
	var out []PermissionGroup
	err := g.c.withSession(ctx, func(s *session) error {
		return g.c.call(ctx, s, http.MethodGet, "/REST/PermissionGroup/", url.Values{"detail": {"Y"}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing permission groups: %w", err)
	}
	return out, nil
}

// Update changes a permission group and returns it as the API stored it.
func (g *PermissionGroupsService) Update(ctx context.Context, name string, req PermissionGroupUpdateRequest) (*PermissionGroup, error) {
	if err := checkAccountName("permission group name", name); err != nil {
		return nil, err
	}
	body, err := req.wire(name)
	if err != nil {
		return nil, err
	}
	var out PermissionGroup
	err = g.c.withSession(ctx, func(s *session) error {
		return g.c.call(ctx, s, http.MethodPut, accountPath("PermissionGroup", name), body, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("updating permission group %q: %w", name, err)
	}
	return &out, nil
}

// Delete deletes a permission group. Its members lose its permissions.
func (g *PermissionGroupsService) Delete(ctx context.Context, name string) error {
	if err := checkAccountName("permission group name", name); err != nil {
		return err
	}
	err := g.c.withSession(ctx, func(s *session) error {
		return g.c.call(ctx, s, http.MethodDelete, accountPath("PermissionGroup", name), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting permission group %q: %w", name, err)
	}
	return nil
}

// entry sends one call to a group entry resource and wraps its error.
func (g *PermissionGroupsService) entry(ctx context.Context, method, resource, group, item string, body any, action string) error {
	if err := checkAccountName("permission group name", group); err != nil {
		return err
	}
	path := accountPath(resource, group)
	if item != "" {
		if err := checkAccountName("entry", item); err != nil {
			return err
		}
		path = accountPath(resource, group, item)
	}
	err := g.c.withSession(ctx, func(s *session) error {
		return g.c.call(ctx, s, method, path, body, nil)
	})
	if err != nil {
		return fmt.Errorf("%s of permission group %q: %w", action, group, err)
	}
	return nil
}

// SetPermissions replaces the group's permissions. An empty list clears them.
func (g *PermissionGroupsService) SetPermissions(ctx context.Context, group string, permissions []string) error {
	body := map[string][]string{"permission": nonNilStrings(permissions)}
	return g.entry(ctx, http.MethodPut, "PermissionGroupPermissionEntry", group, "", body, "replacing the permissions")
}

// AddPermission adds one permission to the group.
func (g *PermissionGroupsService) AddPermission(ctx context.Context, group, permission string) error {
	return g.entry(ctx, http.MethodPost, "PermissionGroupPermissionEntry", group, permission, nil, fmt.Sprintf("adding permission %q", permission))
}

// RemovePermission removes one permission from the group.
func (g *PermissionGroupsService) RemovePermission(ctx context.Context, group, permission string) error {
	return g.entry(ctx, http.MethodDelete, "PermissionGroupPermissionEntry", group, permission, nil, fmt.Sprintf("removing permission %q", permission))
}

// SetZones replaces the zones on which the group's permissions apply.
func (g *PermissionGroupsService) SetZones(ctx context.Context, group string, zones []ZoneGrant) error {
	body := map[string][]ZoneGrant{"zone": nonNilGrants(zones)}
	return g.entry(ctx, http.MethodPut, "PermissionGroupZoneEntry", group, "", body, "replacing the zones")
}

// AddZone adds one zone to the group.
func (g *PermissionGroupsService) AddZone(ctx context.Context, group string, zone ZoneGrant) error {
	body := map[string]Flag{"recurse": Flag(zone.Recurse)}
	return g.entry(ctx, http.MethodPost, "PermissionGroupZoneEntry", group, pathName(zone.ZoneName), body, fmt.Sprintf("adding zone %q", pathName(zone.ZoneName)))
}

// RemoveZone removes one zone from the group.
func (g *PermissionGroupsService) RemoveZone(ctx context.Context, group, zone string) error {
	return g.entry(ctx, http.MethodDelete, "PermissionGroupZoneEntry", group, pathName(zone), nil, fmt.Sprintf("removing zone %q", pathName(zone)))
}

// SetSubgroups replaces the group's member groups.
func (g *PermissionGroupsService) SetSubgroups(ctx context.Context, group string, subgroups []string) error {
	body := map[string][]string{"subgroup": nonNilStrings(subgroups)}
	return g.entry(ctx, http.MethodPut, "PermissionGroupSubgroupEntry", group, "", body, "replacing the subgroups")
}

// AddSubgroup makes another group a member of this one.
func (g *PermissionGroupsService) AddSubgroup(ctx context.Context, group, subgroup string) error {
	return g.entry(ctx, http.MethodPost, "PermissionGroupSubgroupEntry", group, subgroup, nil, fmt.Sprintf("adding subgroup %q", subgroup))
}

// RemoveSubgroup removes a member group.
func (g *PermissionGroupsService) RemoveSubgroup(ctx context.Context, group, subgroup string) error {
	return g.entry(ctx, http.MethodDelete, "PermissionGroupSubgroupEntry", group, subgroup, nil, fmt.Sprintf("removing subgroup %q", subgroup))
}

// AddUser adds a member user (POST /REST/PermissionGroupUserEntry/). The
// API documents no removal there. Use Update with UserNames, or
// UsersService.RemoveGroup.
func (g *PermissionGroupsService) AddUser(ctx context.Context, group, user string) error {
	return g.entry(ctx, http.MethodPost, "PermissionGroupUserEntry", group, user, nil, fmt.Sprintf("adding user %q", user))
}
