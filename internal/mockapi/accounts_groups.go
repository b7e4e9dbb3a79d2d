package mockapi

import (
	"fmt"
	"net/http"
	"strings"
)

// Handlers of /REST/PermissionGroup and its entry resources.

func groupData(g PermissionGroup) map[string]any {
	return map[string]any{
		"group_name":  g.Name,
		"description": g.Description,
		"type":        g.Type,
		"permission":  nonNil(g.Permissions),
		"user_name":   nonNil(g.Users),
		"subgroup":    nonNil(g.Subgroups),
		"zone":        grantsData(g.Zones),
	}
}

// parseGroupArgs reads the optional group fields of a create or update.
func parseGroupArgs(a args) (GroupUpdate, error) {
	var u GroupUpdate
	for key, target := range map[string]**string{"description": &u.Description, "type": &u.Type, "new_group_name": &u.NewName} {
		if _, present := a[key]; !present {
			continue
		}
		v, ok := a.str(key)
		if !ok {
			return GroupUpdate{}, &FieldError{Field: key, Message: "Must be a string"}
		}
		*target = &v
	}
	if u.Type != nil {
		t := strings.ToLower(strings.TrimSpace(*u.Type))
		u.Type = &t
	}
	u.AllUsers = a.flag("all_users")
	if _, present := a["user_name"]; present && u.AllUsers {
		// deviation: Dyn documents that all_users and user_name do not go together, not the error it gives.
		return GroupUpdate{}, &FieldError{Field: "all_users", Message: "Send all_users or user_name, not both"}
	}
	for key, target := range map[string]**[]string{"permission": &u.Permissions, "user_name": &u.Users, "subgroup": &u.Subgroups} {
		v, present := a[key]
		if !present {
			continue
		}
		list, err := parseStringList(key, v)
		if err != nil {
			return GroupUpdate{}, err
		}
		*target = &list
	}
	if v, present := a["zone"]; present {
		zones, err := parseZoneGrants(v)
		if err != nil {
			return GroupUpdate{}, err
		}
		u.Zones = &zones
	}
	return u, nil
}

func (s *Server) createGroup(c *call) reply {
	name := strings.TrimSpace(c.params[0])
	desc, _ := c.args.str("description")
	if strings.TrimSpace(desc) == "" {
		return fail(codeMissingData, "description: This field is required")
	}
	u, err := parseGroupArgs(c.args)
	if err != nil {
		return accountFailure(err)
	}
	g := PermissionGroup{Name: name, Description: desc}
	if u.Type != nil {
		g.Type = *u.Type
	}
	for _, pair := range []struct {
		from *[]string
		to   *[]string
	}{{u.Permissions, &g.Permissions}, {u.Users, &g.Users}, {u.Subgroups, &g.Subgroups}} {
		if pair.from != nil {
			*pair.to = *pair.from
		}
	}
	if u.Zones != nil {
		g.Zones = *u.Zones
	}
	created, err := s.accounts.CreateGroup(g, u.AllUsers)
	if err != nil {
		return accountFailure(err)
	}
	return ok(groupData(created), info("create: New permission group "+created.Name+" created"))
}

func (s *Server) getGroup(c *call) reply {
	g, err := s.accounts.Group(c.params[0])
	if err != nil {
		return accountFailure(err)
	}
	return ok(groupData(g), info("get: Found the permission group"))
}

func (s *Server) listGroups(c *call) reply {
	groups := s.accounts.Groups()
	msg := info(fmt.Sprintf("get: Found %d permission groups", len(groups)))
	if c.args.detail() {
		data := make([]any, 0, len(groups))
		for _, g := range groups {
			data = append(data, groupData(g))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(groups))
	for _, g := range groups {
		data = append(data, "/REST/PermissionGroup/"+g.Name+"/")
	}
	return ok(data, msg)
}

// updateGroup changes a group. Dyn's docs call group_name required in the
// body, and dyn-python always sends it. The mock accepts it and ignores it,
// because the path already names the group.
func (s *Server) updateGroup(c *call) reply {
	u, err := parseGroupArgs(c.args)
	if err != nil {
		return accountFailure(err)
	}
	if u.Description != nil && strings.TrimSpace(*u.Description) == "" {
		return fail(codeInvalidData, "description: This field cannot be empty")
	}
	if u.NewName != nil && strings.TrimSpace(*u.NewName) == "" {
		return fail(codeInvalidData, "new_group_name: This field cannot be empty")
	}
	g, err := s.accounts.UpdateGroup(c.params[0], u)
	if err != nil {
		return accountFailure(err)
	}
	return ok(groupData(g), info("update: Permission group "+g.Name+" updated"))
}

func (s *Server) deleteGroup(c *call) reply {
	if err := s.accounts.DeleteGroup(c.params[0]); err != nil {
		return accountFailure(err)
	}
	return okNoData("delete: Permission group " + c.params[0] + " deleted")
}

// groupEntryReply renders the result of a group entry call.
//
// deviation: Dyn does not document the response of the group entry
// resources. The mock returns the group.
func groupEntryReply(g PermissionGroup, err error, text string) reply {
	if err != nil {
		return accountFailure(err)
	}
	return ok(groupData(g), info(text))
}

// groupListEntry serves the entry resources whose items are plain names:
// PermissionGroupPermissionEntry ("permission"), PermissionGroupSubgroupEntry
// ("subgroup") and PermissionGroupUserEntry ("user_name", POST only).
func (s *Server) groupListEntry(key string) handlerFunc {
	return func(c *call) reply {
		group := c.params[0]
		current, err := s.accounts.Group(group)
		if err != nil {
			return accountFailure(err)
		}
		lists := map[string][]string{"permission": current.Permissions, "subgroup": current.Subgroups, "user_name": current.Users}
		var list []string
		switch c.method {
		case http.MethodPut:
			list = []string{}
			if v, present := c.args[key]; present {
				if list, err = parseStringList(key, v); err != nil {
					return accountFailure(err)
				}
			}
		case http.MethodPost:
			list = append(lists[key], c.params[1])
		default:
			list = remove(lists[key], c.params[1])
		}
		var u GroupUpdate
		switch key {
		case "permission":
			u.Permissions = &list
		case "subgroup":
			u.Subgroups = &list
		default:
			u.Users = &list
		}
		g, err := s.accounts.UpdateGroup(group, u)
		return groupEntryReply(g, err, "update: The "+key+" list of permission group "+current.Name+" changed")
	}
}

// groupZoneEntry serves /REST/PermissionGroupZoneEntry/<group>/[<zone>/].
//
// deviation: dyn-python only adds zones here. The PUT and DELETE follow
// Dyn's docs, which do not show their bodies.
func (s *Server) groupZoneEntry(c *call) reply {
	group := c.params[0]
	current, err := s.accounts.Group(group)
	if err != nil {
		return accountFailure(err)
	}
	var zones []ZoneGrant
	switch c.method {
	case http.MethodPut:
		zones = []ZoneGrant{}
		if v, present := c.args["zone"]; present {
			if zones, err = parseZoneGrants(v); err != nil {
				return accountFailure(err)
			}
		}
	case http.MethodPost:
		grant, err := parseZoneGrant(map[string]any{"zone_name": c.params[1], "recurse": c.args["recurse"]})
		if err != nil {
			return accountFailure(err)
		}
		zones = append(removeGrant(current.Zones, grant.ZoneName), grant)
	default:
		zones = removeGrant(current.Zones, normalizeName(c.params[1]))
	}
	g, err := s.accounts.UpdateGroup(group, GroupUpdate{Zones: &zones})
	return groupEntryReply(g, err, "update: The zone list of permission group "+current.Name+" changed")
}
