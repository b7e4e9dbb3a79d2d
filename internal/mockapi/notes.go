package mockapi

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxNotesPerZone bounds the notes a zone keeps; the oldest go first.
// deviation: Dyn's note retention is not recorded.
const maxNotesPerZone = 1000

// zoneNote is one entry of a zone's notes, as ZoneNoteReport lists it.
type zoneNote struct {
	user   string
	text   string
	at     time.Time
	serial int64
	// kind is the note's type; Dyn used "publish", "task" and "remove".
	kind string
}

// addNoteLocked appends a note to the zone. The caller holds the store's mu.
// deviation: go-dyn's recorded notes each end in a newline, so the mock adds
// one to a note that lacks it. Whether Dyn added it is not recorded.
func (zs *zoneState) addNoteLocked(n zoneNote) {
	if !strings.HasSuffix(n.text, "\n") {
		n.text += "\n"
	}
	zs.notes = append(zs.notes, n)
	if extra := len(zs.notes) - maxNotesPerZone; extra > 0 {
		zs.notes = append([]zoneNote(nil), zs.notes[extra:]...)
	}
}

// zoneNotes returns a zone's notes, newest first.
func (s *Store) zoneNotes(zone string) (Zone, []zoneNote, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, found := s.zones[normalizeName(zone)]
	if !found {
		return Zone{}, nil, ErrZoneNotFound
	}
	out := make([]zoneNote, 0, len(zs.notes))
	for i := len(zs.notes) - 1; i >= 0; i-- {
		out = append(out, zs.notes[i])
	}
	return zs.zone, out, nil
}

// zoneNoteReport serves /REST/ZoneNoteReport/ with the arguments zone
// (required), offset and limit, listing the zone's notes newest first.
// deviation: Dyn's report pages take POST; the mock serves GET as well.
func (s *Server) zoneNoteReport(c *call) reply {
	zone, found := c.args.str("zone")
	if !found || strings.TrimSpace(zone) == "" {
		// deviation: MISSING_DATA is documented but no message text was recorded.
		return fail(codeMissingData, "zone: This field is required")
	}
	offset, rep, valid := countArg(c.args, "offset")
	if !valid {
		return rep
	}
	limit, rep, valid := countArg(c.args, "limit")
	if !valid {
		return rep
	}

	z, notes, err := s.store.zoneNotes(zone)
	if err != nil {
		return storeFailure(err)
	}
	notes = notes[min(offset, len(notes)):]
	if _, present := c.args["limit"]; present {
		notes = notes[:min(limit, len(notes))]
	}
	data := make([]any, 0, len(notes))
	for _, n := range notes {
		data = append(data, map[string]any{
			"zone":      z.Name,
			"user_name": n.user,
			"note":      n.text,
			"timestamp": strconv.FormatInt(n.at.Unix(), 10),
			"serial":    n.serial,
			"type":      n.kind,
		})
	}
	return ok(data, info(fmt.Sprintf("notes: Found %d notes", len(data))))
}

// countArg reads an optional whole-number argument, sent as a JSON number
// or a decimal string; absent means 0.
func countArg(a args, key string) (int, reply, bool) {
	v, present := a[key]
	if !present || v == nil {
		return 0, reply{}, true
	}
	n, err := parseCount(v)
	if err != nil {
		// deviation: the text for an invalid offset or limit is not recorded.
		return 0, fail(codeInvalidData, fmt.Sprintf("%s: %v is %v", key, v, err)), false
	}
	return n, reply{}, true
}
