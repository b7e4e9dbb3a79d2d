package mockapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// controlDSF serves /__mock/dsf/<service_id>, the service's draft and
// published version, and /__mock/dsf/<service_id>/history, every version
// the service has published. History outlives a deleted service.
func (s *Server) controlDSF(w http.ResponseWriter, r *http.Request, rest string) {
	if r.Method != http.MethodGet {
		controlError(w, http.StatusMethodNotAllowed, errors.New("use GET for dsf"))
		return
	}
	id, sub, _ := strings.Cut(rest, "/")
	switch sub {
	case "history":
		writeJSON(w, http.StatusOK, map[string]any{"service_id": id, "versions": s.store.DSFHistory(id)})
	case "":
		draft, err := s.store.serviceData(id, true)
		if err != nil {
			controlError(w, http.StatusNotFound, fmt.Errorf("service %q: %w", id, err))
			return
		}
		published, _ := s.store.serviceData(id, false)
		writeJSON(w, http.StatusOK, map[string]any{"draft": draft, "published": published})
	default:
		controlError(w, http.StatusNotFound, fmt.Errorf("unknown dsf control %q: use /__mock/dsf/<service_id> or /__mock/dsf/<service_id>/history", sub))
	}
}
