package mockapi

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Handlers of /REST/HTTPRedirect/<zone>/<fqdn>/. Creates and updates take
// effect at once. A delete takes effect at once with publish Y, and at the
// zone's next publish otherwise.
//
// deviation: no HTTP Redirect response is recorded. The fields follow
// dyn-python, and the INFO texts and failures follow the GSLB calls. The
// mock requires code and url on a create and defaults keep_uri to N.

func httpRedirectData(h HTTPRedirect) map[string]any {
	return map[string]any{
		"zone":     h.Zone,
		"fqdn":     h.FQDN,
		"code":     strconv.Itoa(h.Code),
		"keep_uri": yesNo(h.KeepURI),
		"url":      h.URL,
	}
}

func httpRedirectFailure(err error) reply {
	switch {
	case errors.Is(err, ErrHTTPRedirectNotFound):
		// deviation: "detail: No service found." is recorded for a missing DSF service, not for this one.
		return fail(codeNotFound, "detail: No service found.")
	case errors.Is(err, ErrHTTPRedirectExists):
		// deviation: the text for a second service at a node is not recorded.
		return fail(codeTargetExists, "fqdn: This node already has an HTTPRedirect service")
	}
	return storeFailure(err)
}

// httpRedirectFields holds the fields a create or update carries, nil when absent.
type httpRedirectFields struct {
	code    *int
	keepURI *bool
	url     *string
}

func parseHTTPRedirectFields(a args, create bool) (httpRedirectFields, reply, bool) {
	var out httpRedirectFields
	if v, present := a["code"]; present || create {
		if !present {
			return out, fail(codeMissingData, "code: This field is required"), true
		}
		code, err := parseCount(v)
		if err != nil || (code != 301 && code != 302) {
			return out, fail(codeInvalidData, fmt.Sprintf("code: %v is not 301 or 302", v)), true
		}
		out.code = &code
	}
	if v, present := a["keep_uri"]; present {
		keep, rep, bad := parseYesNo("keep_uri", v)
		if bad {
			return out, rep, true
		}
		out.keepURI = &keep
	}
	target, present, rep, bad := optionalString(a, "url")
	if bad {
		return out, rep, true
	}
	if !present && create {
		return out, fail(codeMissingData, "url: This field is required"), true
	}
	if present {
		lower := strings.ToLower(target)
		if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
			return out, fail(codeInvalidData, "url: Must start with http:// or https://"), true
		}
		out.url = &target
	}
	return out, reply{}, false
}

func (f httpRedirectFields) empty() bool {
	return f.code == nil && f.keepURI == nil && f.url == nil
}

func (f httpRedirectFields) apply(h *HTTPRedirect) {
	if f.code != nil {
		h.Code = *f.code
	}
	if f.keepURI != nil {
		h.KeepURI = *f.keepURI
	}
	if f.url != nil {
		h.URL = *f.url
	}
}

func (s *Server) createHTTPRedirect(c *call) reply {
	zone, fqdn, rep, valid := balancerNode(c)
	if !valid {
		return rep
	}
	fields, rep, bad := parseHTTPRedirectFields(c.args, true)
	if bad {
		return rep
	}
	h := HTTPRedirect{Zone: zone, FQDN: fqdn}
	fields.apply(&h)
	created, err := s.store.CreateHTTPRedirect(h)
	if err != nil {
		return httpRedirectFailure(err)
	}
	return ok(httpRedirectData(created), info("add: New HTTPRedirect service added"))
}

func (s *Server) getHTTPRedirect(c *call) reply {
	h, err := s.store.HTTPRedirect(c.params[0], c.params[1])
	if err != nil {
		return httpRedirectFailure(err)
	}
	return ok(httpRedirectData(h), info("get: Found the HTTPRedirect service"))
}

func (s *Server) updateHTTPRedirect(c *call) reply {
	fields, rep, bad := parseHTTPRedirectFields(c.args, false)
	if bad {
		return rep
	}
	if fields.empty() {
		// deviation: the failure for an update with no fields is not recorded.
		return fail(codeMissingData, "update: Send one of code, keep_uri, url")
	}
	h, err := s.store.UpdateHTTPRedirect(c.params[0], c.params[1], fields.apply)
	if err != nil {
		return httpRedirectFailure(err)
	}
	return ok(httpRedirectData(h), info("update: HTTPRedirect service updated"))
}

func (s *Server) deleteHTTPRedirect(c *call) reply {
	// deviation: what a delete without publish does is not recorded. The
	// mock treats it as publish N, the soft delete, so a client that means
	// to delete at once must send publish Y.
	now := c.args.flag("publish")
	if err := s.store.DeleteHTTPRedirect(c.params[0], c.params[1], !now); err != nil {
		return httpRedirectFailure(err)
	}
	if !now {
		return okNoData("delete: HTTPRedirect service will be deleted at the next zone publish")
	}
	return okNoData("delete: HTTPRedirect service deleted")
}
