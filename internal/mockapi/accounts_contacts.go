package mockapi

import (
	"fmt"
	"strings"
)

// Handlers of /REST/Contact.

// contactRequiredFields are the fields a contact create must carry besides
// the nickname in the path.
var contactRequiredFields = []string{"email", "first_name", "last_name", "organization"}

func contactStringFields(c *Contact) map[string]*string {
	return map[string]*string{
		"email": &c.Email, "first_name": &c.FirstName, "last_name": &c.LastName, "organization": &c.Organization,
		"address": &c.Address, "address_2": &c.Address2, "city": &c.City, "state": &c.State,
		"post_code": &c.PostCode, "country": &c.Country, "phone": &c.Phone, "fax": &c.Fax,
		"notify_email": &c.NotifyEmail, "pager_email": &c.PagerEmail, "website": &c.Website,
	}
}

func contactData(c Contact) map[string]any {
	data := map[string]any{"nickname": c.Nickname}
	for key, field := range contactStringFields(&c) {
		data[key] = *field
	}
	return data
}

// parseContactArgs reads the contact fields a request carries.
func parseContactArgs(a args) (map[string]string, error) {
	out := map[string]string{}
	var probe Contact
	for key := range contactStringFields(&probe) {
		if _, present := a[key]; !present {
			continue
		}
		v, ok := a.str(key)
		if !ok {
			return nil, &FieldError{Field: key, Message: "Must be a string"}
		}
		out[key] = v
	}
	if err := checkContactFields(out); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Server) createContact(c *call) reply {
	nickname := strings.TrimSpace(c.params[0])
	if body, sent := c.args.str("nickname"); sent && body != "" && body != nickname {
		// deviation: dyn-python sends the nickname in the body as well. The mock rejects a body that disagrees with the path.
		return fail(codeInvalidData, "nickname: The nickname in the body must match the one in the path")
	}
	for _, field := range contactRequiredFields {
		if v, ok := c.args.str(field); !ok || strings.TrimSpace(v) == "" {
			return fail(codeMissingData, field+": This field is required")
		}
	}
	fields, err := parseContactArgs(c.args)
	if err != nil {
		return accountFailure(err)
	}
	contact := Contact{Nickname: nickname}
	targets := contactStringFields(&contact)
	for key, v := range fields {
		*targets[key] = v
	}
	created, err := s.accounts.CreateContact(contact)
	if err != nil {
		return accountFailure(err)
	}
	return ok(contactData(created), info("create: New contact "+created.Nickname+" created"))
}

func (s *Server) getContact(c *call) reply {
	contact, err := s.accounts.Contact(c.params[0])
	if err != nil {
		return accountFailure(err)
	}
	return ok(contactData(contact), info("get: Found the contact"))
}

func (s *Server) listContacts(c *call) reply {
	contacts := s.accounts.Contacts()
	msg := info(fmt.Sprintf("get: Found %d contacts", len(contacts)))
	if c.args.detail() {
		data := make([]any, 0, len(contacts))
		for _, contact := range contacts {
			data = append(data, contactData(contact))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(contacts))
	for _, contact := range contacts {
		data = append(data, "/REST/Contact/"+contact.Nickname+"/")
	}
	return ok(data, msg)
}

// updateContact changes the fields a request carries. New_nickname renames the contact.
func (s *Server) updateContact(c *call) reply {
	fields, err := parseContactArgs(c.args)
	if err != nil {
		return accountFailure(err)
	}
	for _, field := range contactRequiredFields {
		if v, present := fields[field]; present && strings.TrimSpace(v) == "" {
			return fail(codeInvalidData, field+": This field cannot be empty")
		}
	}
	newName, rename := c.args.str("new_nickname")
	updated, err := s.accounts.UpdateContact(c.params[0], func(contact *Contact) error {
		targets := contactStringFields(contact)
		for key, v := range fields {
			*targets[key] = v
		}
		if rename {
			contact.Nickname = strings.TrimSpace(newName)
		}
		return nil
	})
	if err != nil {
		return accountFailure(err)
	}
	return ok(contactData(updated), info("update: Contact "+updated.Nickname+" updated"))
}

func (s *Server) deleteContact(c *call) reply {
	if err := s.accounts.DeleteContact(c.params[0]); err != nil {
		return accountFailure(err)
	}
	return okNoData("delete: Contact " + c.params[0] + " deleted")
}
