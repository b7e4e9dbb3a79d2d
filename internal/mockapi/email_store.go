package mockapi

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Errors returned by the Store's approved-sender methods.
var (
	ErrSenderNotFound = errors.New("approved sender not found")
	// ErrSenderInOtherAccount means another email account has already
	// approved the address.
	ErrSenderInOtherAccount = errors.New("approved sender belongs to another account")
)

// Sender is an approved sender of one email account.
type Sender struct {
	EmailAddress string
	Seeding      bool
	// DKIMSelector is "" until a selector is set.
	DKIMSelector string
	// DKIMValue is the text of the DKIM TXT record for the selector, or "".
	DKIMValue string
}

// emailAccount is the state of one email API key.
type emailAccount struct {
	// senders holds the approved senders by lower-case address; order lists
	// those addresses oldest first.
	senders map[string]*Sender
	order   []string
}

// dkimKeyID names a DKIM key: the record <selector>._domainkey.<domain>
// holds one public key, which every sender of the domain with that selector shares.
type dkimKeyID struct {
	apiKey, domain, selector string
}

// dkimKeyBits is the size of the RSA keys behind the DKIM values.
// deviation: Dyn's key size is not recorded. 1024 bits keeps the TXT value
// under 255 bytes and the key generation fast.
const dkimKeyBits = 1024

func (s *Store) emailAccountLocked(apiKey string) *emailAccount {
	if s.email == nil {
		s.email = map[string]*emailAccount{}
	}
	acct := s.email[apiKey]
	if acct == nil {
		acct = &emailAccount{senders: map[string]*Sender{}}
		s.email[apiKey] = acct
	}
	return acct
}

func senderKey(address string) string { return strings.ToLower(strings.TrimSpace(address)) }

func senderDomain(address string) string {
	_, domain, _ := strings.Cut(senderKey(address), "@")
	return domain
}

// PutSender approves address in the account of apiKey, or updates it when it
// is already approved there, as POST /senders does. A nil seeding keeps the
// current value, or false for a new sender. The address keeps the spelling
// of its first approval.
func (s *Store) PutSender(apiKey, address string, seeding *bool) (Sender, error) {
	key := senderKey(address)
	s.mu.Lock()
	defer s.mu.Unlock()
	for otherKey, acct := range s.email {
		if _, approved := acct.senders[key]; approved && otherKey != apiKey {
			return Sender{}, ErrSenderInOtherAccount
		}
	}
	acct := s.emailAccountLocked(apiKey)
	sender, exists := acct.senders[key]
	if !exists {
		sender = &Sender{EmailAddress: strings.TrimSpace(address)}
		acct.senders[key] = sender
		acct.order = append(acct.order, key)
	}
	if seeding != nil {
		sender.Seeding = *seeding
	}
	return *sender, nil
}

// Sender returns one approved sender of the account of apiKey.
func (s *Store) Sender(apiKey, address string) (Sender, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sender, ok := s.emailAccountLocked(apiKey).senders[senderKey(address)]
	if !ok {
		return Sender{}, ErrSenderNotFound
	}
	return *sender, nil
}

// Senders returns the approved senders of the account of apiKey, oldest first.
func (s *Store) Senders(apiKey string) []Sender {
	s.mu.Lock()
	defer s.mu.Unlock()
	acct := s.emailAccountLocked(apiKey)
	out := make([]Sender, 0, len(acct.order))
	for _, key := range acct.order {
		out = append(out, *acct.senders[key])
	}
	return out
}

// SetSenderDKIM sets the DKIM selector of an approved sender. The DKIM value
// comes from the RSA key of the sender's domain and selector, which is made
// on first use and kept, so that senders of one domain that share a selector
// share its record.
func (s *Store) SetSenderDKIM(apiKey, address, selector string) (Sender, error) {
	id := dkimKeyID{apiKey: apiKey, domain: senderDomain(address), selector: selector}
	if _, err := s.Sender(apiKey, address); err != nil {
		return Sender{}, err
	}
	value, err := s.dkimValue(id)
	if err != nil {
		return Sender{}, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	sender, ok := s.emailAccountLocked(apiKey).senders[senderKey(address)]
	if !ok {
		return Sender{}, ErrSenderNotFound
	}
	sender.DKIMSelector = selector
	sender.DKIMValue = value
	return *sender, nil
}

// dkimValue returns the DKIM TXT value of a key, making the key when it is
// new. The key is made without the lock, because RSA key generation takes
// milliseconds that zone calls should not wait for.
func (s *Store) dkimValue(id dkimKeyID) (string, error) {
	s.mu.Lock()
	value, ok := s.dkimKeys[id]
	s.mu.Unlock()
	if ok {
		return value, nil
	}

	key, err := rsa.GenerateKey(rand.Reader, dkimKeyBits)
	if err != nil {
		return "", fmt.Errorf("making a DKIM key: %w", err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return "", fmt.Errorf("encoding a DKIM key: %w", err)
	}
	value = "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dkimKeys == nil {
		s.dkimKeys = map[dkimKeyID]string{}
	}
	if existing, ok := s.dkimKeys[id]; ok {
		return existing, nil
	}
	s.dkimKeys[id] = value
	return value, nil
}

// DeleteSender removes an approved sender, as POST /senders/delete does or
// a change made outside Terraform would.
func (s *Store) DeleteSender(apiKey, address string) error {
	key := senderKey(address)
	s.mu.Lock()
	defer s.mu.Unlock()
	acct := s.emailAccountLocked(apiKey)
	if _, ok := acct.senders[key]; !ok {
		return ErrSenderNotFound
	}
	delete(acct.senders, key)
	for i, k := range acct.order {
		if k == key {
			acct.order = append(acct.order[:i:i], acct.order[i+1:]...)
			break
		}
	}
	return nil
}

// publishedText returns the text of the published TXT and SPF records at
// fqdn, from the most specific zone that holds the name. The email API uses
// it in place of a DNS lookup.
func (s *Store) publishedText(fqdn string) []string {
	fqdn = normalizeName(fqdn)
	s.mu.Lock()
	defer s.mu.Unlock()
	var best *zoneState
	for name, zs := range s.zones {
		if inZone(fqdn, name) && (best == nil || len(name) > len(best.zone.Name)) {
			best = zs
		}
	}
	if best == nil {
		return nil
	}
	var out []string
	for _, r := range best.published {
		if r.FQDN == fqdn && (r.Type == "TXT" || r.Type == "SPF") {
			out = append(out, r.Rdata["txtdata"])
		}
	}
	return out
}
