package mockapi

import (
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// emailPrefix is the root of the email (Message Management) API. Dyn also
// offered /rest/xml, which no client used.
const emailPrefix = "/rest/json"

// Statuses of the email API. The envelope's status and the HTTP status line
// carry the same code.
const (
	emailStatusOK              = http.StatusOK
	emailStatusNotFound        = http.StatusNotFound
	emailStatusInvalidAPIKey   = 451
	emailStatusInvalidArgument = 452
	emailStatusExists          = 453
)

// sendersPageSize is the number of senders GET /senders returns per page.
const sendersPageSize = 25

// dkimSelectorPattern is the selector syntax Dyn documents: letters, digits,
// dashes and underscores. The length limit is that of a DNS label.
var dkimSelectorPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,63}$`)

// emailEnvelope is the body of every email API response.
type emailEnvelope struct {
	Response emailResponse `json:"response"`
}

type emailResponse struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
	Data    any    `json:"data"`
}

// emailCall is one email API request that passed the API key check.
type emailCall struct {
	apiKey string
	form   url.Values
}

// arg returns a form argument, also when the client sent it as name[].
func (c emailCall) arg(name string) string {
	if v, ok := c.form[name]; ok && len(v) > 0 {
		return v[0]
	}
	return c.form.Get(name + "[]")
}

type emailHandler func(emailCall) emailResponse

func emailOK(data any) emailResponse {
	return emailResponse{Status: emailStatusOK, Message: "OK", Data: data}
}

// emailFail builds a failure. deviation: Dyn's message texts are not
// recorded; these are the mock's own, and data is an empty object.
func emailFail(status int, message string) emailResponse {
	return emailResponse{Status: status, Message: message, Data: map[string]any{}}
}

func invalidArgument(name string) emailResponse {
	return emailFail(emailStatusInvalidArgument, "Missing or invalid required field: "+name)
}

// emailRoutes maps each path below /rest/json to its handler per method.
func (s *Server) emailRoutes() map[string]map[string]emailHandler {
	return map[string]map[string]emailHandler{
		"/senders":         {http.MethodGet: s.listSenders, http.MethodPost: s.saveSender},
		"/senders/details": {http.MethodGet: s.senderDetails},
		"/senders/status":  {http.MethodGet: s.senderStatus},
		"/senders/dkim":    {http.MethodPost: s.setSenderDKIM},
		"/senders/delete":  {http.MethodPost: s.deleteSender},
	}
}

// serveEmail serves one request under /rest; path is the request path with
// repeated slashes collapsed.
func (s *Server) serveEmail(w http.ResponseWriter, r *http.Request, path string) {
	start := time.Now()
	resource := strings.TrimSuffix(strings.TrimPrefix(path, emailPrefix), "/")
	methods, known := s.emailRoutes()[resource]

	// Patterns come from a bounded set, as for /REST.
	method := r.Method
	if !standardMethods[method] {
		method = "{method}"
	}
	pattern := method + " /rest/{unknown}"
	if known && strings.HasPrefix(path, emailPrefix+"/") {
		pattern = method + " " + emailPrefix + resource
	}
	s.countRequest(pattern)

	resp := s.handleEmail(w, r, path, resource, methods, known)
	writeJSON(w, resp.Status, emailEnvelope{Response: resp})
	// The query string is left out, because a GET carries the API key in it.
	s.opts.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", resp.Status, "duration", time.Since(start))
}

func (s *Server) handleEmail(w http.ResponseWriter, r *http.Request, path, resource string, methods map[string]emailHandler, known bool) emailResponse {
	if status, hit := s.takeEmailFailNext(r.Method, path); hit {
		return emailFail(status, fmt.Sprintf("mock: Injected failure with HTTP status %d", status))
	}
	if !strings.HasPrefix(path, emailPrefix+"/") {
		// deviation: the response for another format such as /rest/xml is not recorded.
		return emailFail(emailStatusNotFound, "Unknown response format; this server serves /rest/json only")
	}

	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxBodyBytes)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		// deviation: the response for an unreadable body is not recorded.
		return emailFail(emailStatusInvalidArgument, "Malformed request: "+err.Error())
	}

	c := emailCall{form: r.Form}
	c.apiKey = c.arg("apikey")
	if !s.validEmailAPIKey(c.apiKey) {
		return emailFail(emailStatusInvalidAPIKey, "Missing or invalid API key")
	}

	if !known {
		// deviation: the response for an unknown call is not recorded.
		return emailFail(emailStatusNotFound, "Unknown API call "+strconv.Quote(resource))
	}
	h, ok := methods[r.Method]
	if !ok {
		// deviation: the response for a call with the wrong method is not recorded.
		return emailFail(http.StatusMethodNotAllowed, "Method "+r.Method+" is not supported by "+resource)
	}
	return h(c)
}

func (s *Server) validEmailAPIKey(key string) bool {
	if key == "" {
		return false
	}
	for _, k := range s.opts.EmailAPIKeys {
		if k == key {
			return true
		}
	}
	return false
}

// takeEmailFailNext applies /__mock/fail-next to an email API request. Only
// a rule whose match names an email path applies, so that a rule meant for
// /REST is never used up by email calls.
func (s *Server) takeEmailFailNext(method, path string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.failRule
	if r == nil || r.count <= 0 || !strings.Contains(r.match, "/rest/") || !matches(r.match, method, path) {
		return 0, false
	}
	r.count--
	return r.status, true
}

// senderAddress reads and checks the emailaddress argument.
func senderAddress(c emailCall) (string, bool) {
	addr := strings.TrimSpace(c.arg("emailaddress"))
	parsed, err := mail.ParseAddress(addr)
	if err != nil || parsed.Address != addr || parsed.Name != "" {
		return "", false
	}
	_, domain, _ := strings.Cut(addr, "@")
	if !strings.Contains(domain, ".") || strings.HasSuffix(domain, ".") {
		return "", false
	}
	return addr, true
}

func (s *Server) listSenders(c emailCall) emailResponse {
	index := c.arg("startindex")
	if index == "" {
		// dyn-python sends start_index.
		index = c.arg("start_index")
	}
	start := 0
	if index != "" {
		n, err := strconv.Atoi(index)
		if err != nil || n < 0 {
			return invalidArgument("startindex")
		}
		start = n
	}

	senders := s.store.Senders(c.apiKey)
	page := []map[string]any{}
	for i := start; i < len(senders) && i < start+sendersPageSize; i++ {
		page = append(page, map[string]any{"emailaddress": senders[i].EmailAddress})
	}
	return emailOK(map[string]any{"senders": page})
}

func (s *Server) saveSender(c emailCall) emailResponse {
	addr, ok := senderAddress(c)
	if !ok {
		return invalidArgument("emailaddress")
	}
	var seeding *bool
	switch c.arg("seeding") {
	case "":
	case "0":
		seeding = new(bool)
	case "1":
		on := true
		seeding = &on
	default:
		return invalidArgument("seeding")
	}

	_, err := s.store.PutSender(c.apiKey, addr, seeding)
	if errors.Is(err, ErrSenderInOtherAccount) {
		// deviation: Dyn documents 453 for an object that already exists;
		// which sender writes return it is not recorded. The mock returns
		// it for an address that another account has approved.
		return emailFail(emailStatusExists, "Approved sender "+addr+" already exists in another account")
	}
	if err != nil {
		return emailFail(http.StatusInternalServerError, err.Error())
	}
	// deviation: the data of this call is not documented; the mock sends an empty object.
	return emailOK(map[string]any{})
}

func (s *Server) senderDetails(c emailCall) emailResponse {
	addr, ok := senderAddress(c)
	if !ok {
		return invalidArgument("emailaddress")
	}
	sender, err := s.store.Sender(c.apiKey, addr)
	if err != nil {
		return senderNotFound(addr)
	}
	return emailOK(s.senderData(sender))
}

// senderNotFound is the failure for an address that the account has not approved.
func senderNotFound(addr string) emailResponse {
	// deviation: Dyn documents status 404 but not which calls return it for an unknown sender.
	return emailFail(emailStatusNotFound, "Approved sender "+addr+" not found")
}

// senderData renders a sender as GET /senders/details does. spf and dkim
// report whether the mock's own published zones hold the records.
// deviation: Dyn checked public DNS and documents spf and dkim as 0 or 1
// without their exact rule. The mock counts any TXT record at the domain
// that starts with v=spf1, and a TXT record at the DKIM name equal to
// dkimval. The seeding field and the field named after the DKIM record are
// not confirmed.
func (s *Server) senderData(sender Sender) map[string]any {
	domain := senderDomain(sender.EmailAddress)
	spf, dkim := 0, 0
	for _, text := range s.store.publishedText(domain) {
		if strings.HasPrefix(strings.ToLower(text), "v=spf1") {
			spf = 1
		}
	}
	data := map[string]any{
		"emailaddress": sender.EmailAddress,
		"seeding":      flagValue(sender.Seeding),
		"spf":          spf,
		"dkim":         dkim,
		"dkimval":      sender.DKIMValue,
	}
	if sender.DKIMSelector != "" {
		record := sender.DKIMSelector + "._domainkey." + domain
		for _, text := range s.store.publishedText(record) {
			if text == sender.DKIMValue {
				data["dkim"] = 1
			}
		}
		data[record] = sender.DKIMValue
	}
	return data
}

func flagValue(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *Server) senderStatus(c emailCall) emailResponse {
	addr, ok := senderAddress(c)
	if !ok {
		return invalidArgument("emailaddress")
	}
	if _, err := s.store.Sender(c.apiKey, addr); err != nil {
		return senderNotFound(addr)
	}
	// deviation: a sender is ready at once; Dyn may have taken a while.
	return emailOK(map[string]any{"ready": 1})
}

func (s *Server) setSenderDKIM(c emailCall) emailResponse {
	addr, ok := senderAddress(c)
	if !ok {
		return invalidArgument("emailaddress")
	}
	selector := c.arg("dkim")
	if !dkimSelectorPattern.MatchString(selector) {
		return invalidArgument("dkim")
	}
	sender, err := s.store.SetSenderDKIM(c.apiKey, addr, selector)
	if errors.Is(err, ErrSenderNotFound) {
		return senderNotFound(addr)
	}
	if err != nil {
		return emailFail(http.StatusInternalServerError, err.Error())
	}
	return emailOK(s.senderData(sender))
}

func (s *Server) deleteSender(c emailCall) emailResponse {
	addr, ok := senderAddress(c)
	if !ok {
		return invalidArgument("emailaddress")
	}
	if err := s.store.DeleteSender(c.apiKey, addr); err != nil {
		return senderNotFound(addr)
	}
	return emailOK(map[string]any{})
}
