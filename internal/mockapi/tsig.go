package mockapi

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"
)

// Handlers of /REST/TSIGKey. A key write takes effect at once, with no
// publish.
//
// deviation: no TSIG key response is recorded. The INFO texts and the
// failures follow those of the contact calls, which have the same shape.

// tsigAlgorithms lists the algorithms that dyn-python documents for TSIG keys.
var tsigAlgorithms = []string{"hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"}

func tsigKeyData(k TSIGKey) map[string]any {
	return map[string]any{"name": k.Name, "algorithm": k.Algorithm, "secret": k.Secret}
}

// tsigFailure maps a TSIG key error of Store to Dyn's failure envelope.
func tsigFailure(err error) reply {
	var inUse *TSIGKeyInUseError
	switch {
	case errors.Is(err, ErrTSIGKeyExists):
		// deviation: the failure for a duplicate key is not recorded, so it copies the zone and contact creates.
		return fail(codeTargetExists, "name: Name already exists", "create: You already have this TSIG key.")
	case errors.Is(err, ErrTSIGKeyNotFound):
		// deviation: the text for a missing key is not recorded.
		return fail(codeNotFound, "tsigkey: No such TSIG key")
	case errors.As(err, &inUse):
		// deviation: whether Dyn deletes a key that a zone names is not recorded. The mock rejects the delete.
		return fail(codeIllegalOperation, "tsigkey: The TSIG key "+inUse.Key+" is used by "+inUse.user())
	default:
		return fail(codeInternalError, "internal: "+err.Error())
	}
}

// checkTSIGFields checks the secret and algorithm a request carries. A
// create must carry both.
func checkTSIGFields(a args, create bool) (secret, algorithm *string, rep reply, bad bool) {
	if v, present := a["secret"]; present || create {
		s, isString := v.(string)
		switch {
		case !present || (isString && strings.TrimSpace(s) == ""):
			return nil, nil, fail(codeMissingData, "secret: This field is required"), true
		case !isString:
			return nil, nil, fail(codeInvalidData, "secret: Must be a string"), true
		}
		if _, err := base64.StdEncoding.Strict().DecodeString(s); err != nil {
			// deviation: the text for a secret that is not base64 is not recorded.
			return nil, nil, fail(codeInvalidData, "secret: The secret must be base64 encoded"), true
		}
		secret = &s
	}
	if v, present := a["algorithm"]; present || create {
		s, isString := v.(string)
		switch {
		case !present || (isString && strings.TrimSpace(s) == ""):
			return nil, nil, fail(codeMissingData, "algorithm: This field is required"), true
		case !isString || !slices.Contains(tsigAlgorithms, s):
			return nil, nil, fail(codeInvalidData, "algorithm: Must be one of "+strings.Join(tsigAlgorithms, ", ")), true
		}
		algorithm = &s
	}
	return secret, algorithm, reply{}, false
}

// checkBodyName rejects a body whose name disagrees with the path, because
// dyn-python sends the key name in both.
func checkBodyName(a args, name string) (reply, bool) {
	if body, sent := a.str("name"); sent && body != "" && body != name {
		// deviation: Dyn's response to a body name that disagrees with the path is not recorded. The mock rejects it.
		return fail(codeInvalidData, "name: The name in the body must match the one in the path"), true
	}
	return reply{}, false
}

func (s *Server) createTSIGKey(c *call) reply {
	name := c.params[0]
	if rep, bad := checkBodyName(c.args, name); bad {
		return rep
	}
	secret, algorithm, rep, bad := checkTSIGFields(c.args, true)
	if bad {
		return rep
	}
	k, err := s.store.CreateTSIGKey(TSIGKey{Name: name, Secret: *secret, Algorithm: *algorithm})
	if err != nil {
		return tsigFailure(err)
	}
	return ok(tsigKeyData(k), info("create: New TSIG key "+k.Name+" created"))
}

func (s *Server) getTSIGKey(c *call) reply {
	k, err := s.store.TSIGKey(c.params[0])
	if err != nil {
		return tsigFailure(err)
	}
	return ok(tsigKeyData(k), info("get: Found the TSIG key"))
}

func (s *Server) updateTSIGKey(c *call) reply {
	name := c.params[0]
	if rep, bad := checkBodyName(c.args, name); bad {
		return rep
	}
	secret, algorithm, rep, bad := checkTSIGFields(c.args, false)
	if bad {
		return rep
	}
	k, err := s.store.UpdateTSIGKey(name, func(k *TSIGKey) {
		if secret != nil {
			k.Secret = *secret
		}
		if algorithm != nil {
			k.Algorithm = *algorithm
		}
	})
	if err != nil {
		return tsigFailure(err)
	}
	return ok(tsigKeyData(k), info("update: TSIG key "+k.Name+" updated"))
}

func (s *Server) deleteTSIGKey(c *call) reply {
	if err := s.store.DeleteTSIGKey(c.params[0]); err != nil {
		return tsigFailure(err)
	}
	return okNoData("delete: TSIG key " + c.params[0] + " deleted")
}
