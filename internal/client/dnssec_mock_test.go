package client_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestDNSSECService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "signed.example")

	keys := []client.DNSSECKey{
		{Type: "KSK", Algorithm: "RSA/SHA-256", Bits: 2048},
		{Type: "ZSK", Algorithm: "ECDSAP256SHA256", Bits: 256, Lifetime: 2592000},
	}
	created, err := c.DNSSEC.Create(ctx, "signed.example", client.DNSSECCreateRequest{
		Keys: keys, ContactNickname: "owner", NotifyEvents: "create,warning", Inactive: true,
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.Active || created.ContactNickname != "owner" || created.NotifyEvents != "create,warning" || len(created.Keys) != 2 {
		t.Fatalf("Create = %+v, want an inactive service with the contact, the events and two keys", created)
	}
	ksk, zsk := created.Keys[0], created.Keys[1]
	if ksk.DNSSECKeyID == "" || ksk.Overlap != 7*24*3600 || ksk.Bits != 2048 {
		t.Errorf("KSK = %+v, want an id, 2048 bits and the 7-day default overlap", ksk)
	}
	if !strings.HasPrefix(ksk.DNSKey.String(), "257 3 8 ") || !strings.HasPrefix(zsk.DNSKey.String(), "256 3 13 ") {
		t.Errorf("DNSKEYs = %q and %q, want flags 257 and 256 with algorithms 8 and 13", ksk.DNSKey, zsk.DNSKey)
	}
	if zsk.DS.String() != "" || len(zsk.AllDS) != 0 {
		t.Errorf("ZSK DS = %q, all_ds = %v, want none", zsk.DS, zsk.AllDS)
	}
	if len(ksk.AllDS) != 2 || ksk.DS.String() != ksk.AllDS[1].String() {
		t.Errorf("KSK ds = %q, all_ds = %v, want the SHA-256 record of two", ksk.DS, ksk.AllDS)
	}
	checkDSDigest(t, "signed.example", ksk)

	if _, err := c.DNSSEC.Create(ctx, "signed.example", client.DNSSECCreateRequest{Keys: keys, ContactNickname: "owner"}); !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("second Create: error = %v, want one matching ErrTargetExists", err)
	}

	active := true
	newKeys := []client.DNSSECKey{
		{DNSSECKeyID: ksk.DNSSECKeyID, Type: "KSK", Algorithm: "RSA/SHA-256", Bits: 2048, Overlap: 86400},
		{Type: "ZSK", Algorithm: "ECDSAP384SHA384", Bits: 384},
	}
	updated, err := c.DNSSEC.Update(ctx, "signed.example", client.DNSSECUpdate{Keys: &newKeys, Active: &active})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if !updated.Active || len(updated.Keys) != 2 {
		t.Fatalf("Update = %+v, want an active service with two keys", updated)
	}
	if kept := updated.Keys[0]; kept.DNSSECKeyID != ksk.DNSSECKeyID || kept.DNSKey.String() != ksk.DNSKey.String() || kept.Overlap != 86400 {
		t.Errorf("kept KSK = %+v, want the same id and DNSKEY with the new overlap", kept)
	}
	if added := updated.Keys[1]; added.DNSSECKeyID == zsk.DNSSECKeyID || !strings.HasPrefix(added.DNSKey.String(), "256 3 14 ") {
		t.Errorf("new ZSK = %+v, want a new id and an algorithm 14 DNSKEY", added)
	}

	changed := []client.DNSSECKey{
		{DNSSECKeyID: ksk.DNSSECKeyID, Type: "KSK", Algorithm: "RSA/SHA-512", Bits: 2048},
		{Type: "ZSK", Algorithm: "DSA", Bits: 1024},
	}
	if _, err := c.DNSSEC.Update(ctx, "signed.example", client.DNSSECUpdate{Keys: &changed}); !errors.Is(err, client.ErrInvalidData) {
		t.Errorf("Update that changes a kept key's algorithm: error = %v, want one matching ErrInvalidData", err)
	}

	if err := c.DNSSEC.Delete(ctx, "signed.example"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.DNSSEC.Get(ctx, "signed.example"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if _, err := srv.Store().DNSSEC("signed.example"); !errors.Is(err, mockapi.ErrDNSSECNotFound) {
		t.Errorf("Store().DNSSEC after Delete: error = %v, want ErrDNSSECNotFound", err)
	}
	if _, err := c.Zones.Get(ctx, "signed.example"); err != nil {
		t.Errorf("the zone did not survive the delete of its DNSSEC service: %v", err)
	}
}

// checkDSDigest recomputes the SHA-256 DS digest of a KSK from its DNSKEY
// (RFC 4034 section 5.1.4), independently of the mock's code.
func checkDSDigest(t *testing.T, zone string, k client.DNSSECKey) {
	t.Helper()
	publicKey, err := base64.StdEncoding.DecodeString(k.DNSKey.PublicKey)
	if err != nil {
		t.Fatalf("public key is not base64: %v", err)
	}
	var owner []byte
	for _, label := range strings.Split(zone, ".") {
		owner = append(append(owner, byte(len(label))), label...)
	}
	owner = append(owner, 0)
	rdata := binary.BigEndian.AppendUint16(nil, uint16(k.DNSKey.Flags))
	rdata = append(rdata, byte(k.DNSKey.Protocol), byte(k.DNSKey.Algorithm))
	rdata = append(rdata, publicKey...)
	sum := sha256.Sum256(append(owner, rdata...))
	if got, want := k.DS.Digest, strings.ToUpper(hex.EncodeToString(sum[:])); got != want {
		t.Errorf("DS digest = %s, want %s", got, want)
	}
}
